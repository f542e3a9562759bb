package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.broker.PortProbe;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.process.ProcessorService;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real processor on the shared broker with its HTTP endpoint: health follows Streams, metrics follow events. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HealthEndpointIT {

    private static final Pattern PARSED = Pattern.compile("(?m)^paypulse_events_parsed_total(?:\\{[^}]*})? (\\S+)$");

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthTurnsUpWhenRunningMetricsCountParsedEventsAndTheEndpointStopsWithTheProcessor() throws Exception {
        int port = freePort();
        PayPulseConfig base = PayPulseConfig.forCluster(SharedBroker.bootstrapServers(), dir);
        ProcessorSettings d = base.processor();
        PayPulseConfig config = base.withProcessor(d.with(b -> {
            b.applicationId = "health-endpoint-it";
            b.sinks = false;
            b.httpPort = port;
        }));

        try (ProcessorService processor = new ProcessorService(config, List.of())) {
            processor.start();
            Awaitility.await("GET /health answers 200 UP").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        HttpResponse<String> r = get(port, "/health");
                        return r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"");
                    });
            assertThat(get(port, "/health").body()).containsPattern("\"streams\":\"(RUNNING|REBALANCING)\"");

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("paypulse_events_rejected_total", "paypulse_events_late_total",
                    "paypulse_windows_closed_total", "paypulse_alerts_published_total", "paypulse_windows_open",
                    "kafka_consumer_", "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads");
            double before = parsed(metrics.body());

            int sent = 5;
            produceRawEvents(config, sent);
            Awaitility.await("paypulse_events_parsed_total grows by " + sent).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> parsed(get(port, "/metrics").body()) >= before + sent);
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            Awaitility.await("per-partition lag of the raw topic on /metrics").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get(port, "/metrics").body().contains("paypulse_lag_records{partition=\"0\"}")
                            && get(port, "/metrics").body().contains("paypulse_lag_seconds{partition=\"0\"}"));
        }

        assertThatThrownBy(() -> get(port, "/health")).as("the endpoint stops with the processor")
                .isInstanceOf(IOException.class);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double parsed(String metrics) {
        Matcher m = PARSED.matcher(metrics);
        assertThat(m.find()).as("paypulse_events_parsed_total in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static void produceRawEvents(PayPulseConfig config, int n) throws Exception {
        Map<String, Object> props = ClusterClients.base(config, "health-endpoint-it-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                String user = String.format("user_%06d", i + 1);
                String line = "{\"timestamp\": \"" + Instant.now() + "\", \"level\": \"INFO\", \"message\": "
                        + "\"Payment successful for order order_0a1b2c3d4e5" + i + ". Amount: $12.34. User: " + user
                        + ". Payment ID: pay_0123456789abcde" + i + ". IP: 93.184.216.34\"}";
                producer.send(new ProducerRecord<>(Topics.RAW, user, line)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() {
        return PortProbe.freePort("127.0.0.1");
    }
}

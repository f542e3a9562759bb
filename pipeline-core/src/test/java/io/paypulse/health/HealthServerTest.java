package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.paypulse.config.ConfigException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint's HTTP contract on a real JDK server (port 0), with the health state set by the test. */
class HealthServerTest {

    private final AtomicReference<HealthReport> health = new AtomicReference<>(
            HealthReport.of(KafkaStreams.State.CREATED, null));
    private final PrometheusMetrics metrics = new PrometheusMetrics(
            registry -> Counter.builder("paypulse.test.things").register(registry).increment(3));
    private final HealthServer server = HealthServer.start(0, health::get, metrics);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        RUNNING          | 200 | {"status":"UP","streams":"RUNNING"}
        REBALANCING      | 200 | {"status":"UP","streams":"REBALANCING"}
        CREATED          | 503 | {"status":"DOWN","streams":"CREATED","reason":"not started yet"}
        PENDING_SHUTDOWN | 503 | {"status":"DOWN","streams":"PENDING_SHUTDOWN","reason":"stopping or stopped"}
        NOT_RUNNING      | 503 | {"status":"DOWN","streams":"NOT_RUNNING","reason":"stopping or stopped"}
        ERROR            | 503 | {"status":"DOWN","streams":"ERROR","reason":"stopped after an error"}
        """)
    void healthIsUpOnlyWhileStreamsRunsOrRebalances(KafkaStreams.State state, int status, String body) throws Exception {
        health.set(HealthReport.of(state, null));
        HttpResponse<String> response = request("GET", "/health");
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body().strip()).isEqualTo(body);
    }

    @Test
    void aFailedProcessorIsDownWithTheErrorAsReasonWhateverTheState() throws Exception {
        health.set(HealthReport.of(KafkaStreams.State.RUNNING, new IllegalStateException("disk full")));
        HttpResponse<String> response = request("GET", "/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"")
                .contains("\"reason\":\"the processor failed: java.lang.IllegalStateException: disk full\"");
    }

    @Test
    void metricsArePrometheusTextWithTheGivenMetersAndJvmMeters() throws Exception {
        HttpResponse<String> response = request("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("paypulse_test_things_total 3.0")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_uptime_seconds");
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        assertThat(request("GET", "/").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/healthz").statusCode()).isEqualTo(404);
        assertThat(request("GET", "/metrics/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = request("POST", "/health");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(request("HEAD", "/health").statusCode()).isEqualTo(503);
    }

    @Test
    void aTakenPortIsOneSentenceNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> HealthServer.start(port, health::get, metrics))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Port " + port + " (processor.http-port) is already in use; choose another port,"
                            + " or 0 to turn the health endpoint off.");
        }
    }

    @Test
    void closedServerNoLongerAnswers() {
        server.close();
        server.close(); // idempotent
        assertThatThrownBy(() -> request("GET", "/health")).isInstanceOf(IOException.class);
    }
}

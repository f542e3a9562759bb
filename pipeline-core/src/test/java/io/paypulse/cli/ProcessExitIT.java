package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paypulse process} whose Kafka Streams client dies for a reason that is not a record's (here a
 * Schema Registry that accepts connections and never answers) exits non-zero within seconds with one
 * sentence, so a supervisor can restart it, instead of idling with {@code /health} 503.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessExitIT {

    @TempDir
    Path dir;

    private ServerSocket silentRegistry;
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        if (silentRegistry != null) {
            silentRegistry.close();
        }
    }

    @Test
    void processExitsWithOneSentenceWhenTheSchemaRegistryNeverAnswers() throws Exception {
        String url = silentRegistry();
        produceWireFormatRecord();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "process",
                "--bootstrap", SharedBroker.bootstrapServers(), "--schema-registry", url,
                "--application-id", "process-exit-it-" + UUID.randomUUID(), "--no-sinks",
                "--data-dir", dir.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(code).isEqualTo(Errors.FAILED);
        String sentence = err.toString().strip();
        assertThat(sentence).doesNotContain("\n")
                .startsWith("paypulse: The processor stopped: Schema Registry at " + url);
        // Startup, the registry wait (6 s of retries, each request bounded by the client's timeout), close.
        assertThat(seconds).as("seconds until exit").isLessThan(45);
        System.out.printf("process exited %d after %.1f s: %s%n", code, seconds, sentence);
    }

    /** A TCP server that accepts and never says a word: each request waits out the client's timeout. */
    private String silentRegistry() throws IOException {
        silentRegistry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silentRegistry.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                }
            } catch (IOException closed) {
                // test over
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + silentRegistry.getLocalPort();
    }

    private static void produceWireFormatRecord() throws Exception {
        SharedBroker.createTopics(Map.of(Topics.RAW, 6));
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "process-exit-it");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        String line = "{\"timestamp\": \"" + Instant.now() + "\", \"level\": \"INFO\", \"message\": \"Payment successful "
                + "for order order_0a1b2c3d4e5f. Amount: $12.34. User: user_000777. Payment ID: pay_0123456789abcdef. "
                + "IP: 93.184.216.34\"}";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.RAW, "user_000777",
                    WireFormat.frame(1, line.getBytes(StandardCharsets.UTF_8)))).get(30, TimeUnit.SECONDS);
        }
    }
}

package io.paypulse.process;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Not a test: events/s of the production topology in TopologyTestDriver (one raw partition, default
 * options), to compare versions of the topology on the same machine. The driver commits after every
 * record and keeps every output until read, so the absolute figure is far below a real broker's;
 * the ratio between two versions is what it shows. Run with the test classpath:
 * {@code java -cp ... io.paypulse.process.TopologyThroughput [events]}.
 */
public final class TopologyThroughput {

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        byte[][] lines = new byte[1000][];
        for (int i = 0; i < lines.length; i++) {
            boolean failed = i % 10 == 0;
            PaymentMessage m = new PaymentMessage(PaymentType.PAYMENT, failed, String.format("order_%012x", i), 100 + i,
                    String.format("user_%06d", i % 97), failed ? null : "pay_0123456789abcdef", failed ? "Card declined" : null,
                    "8.8.8.8");
            lines[i] = m.render().getBytes(StandardCharsets.UTF_8);
        }
        for (int pass = 1; pass <= 2; pass++) {
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "throughput");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            ProcessorStats stats = new ProcessorStats();
            try (TopologyTestDriver driver = new TopologyTestDriver(
                    PaymentTopology.build(TopologyOptions.of(1, Duration.ofSeconds(5), List.of()), stats), p, t0)) {
                TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.RAW, Serdes.String().serializer(),
                        Serdes.ByteArray().serializer());
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    Instant at = t0.plusMillis(i / 2); // 2,000 events a second of event time (issue 11's shape)
                    String msg = new String(lines[i % lines.length], StandardCharsets.UTF_8);
                    byte[] value = ("{\"timestamp\": \"" + at + "\", \"level\": \"" + (i % 10 == 0 ? Level.ERROR : Level.INFO)
                            + "\", \"message\": \"" + msg + "\"}").getBytes(StandardCharsets.UTF_8);
                    raw.pipeInput("k", value, at);
                    if (i % 20 == 19) {
                        driver.advanceWallClockTime(Duration.ofMillis(1)); // 20k events a second of wall clock
                    }
                    if (i % 50_000 == 49_999) {
                        drain(driver);
                    }
                }
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("pass %d: %,d events in %.1f s = %,.0f events/s (parsed %,d, late %,d, windows closed %,d)%n",
                        pass, events, s, events / s, stats.parsedCount(), stats.lateCount(), stats.finalWindowCount());
            }
        }
    }

    private static void drain(TopologyTestDriver driver) {
        for (String topic : driver.producedTopicNames()) {
            var out = driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            while (!out.isEmpty()) {
                out.readRecord();
            }
        }
    }
}

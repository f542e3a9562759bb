package io.paypulse.process;

import com.sun.management.OperatingSystemMXBean;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test: the production topology (EOS v2, 1 stream thread, shipped Streams settings, no CSV
 * sinks) on the embedded broker (same JVM), 3 raw partitions pre-filled; prints the time from start
 * to all parsed and to all events in final windows (the last closes by idle mark, about 6 s after
 * the input ends), and the JVM's CPU seconds (broker included). {@code -Dparsed=true} switches
 * {@code payment-parsed} on where the topology has that option. For comparing versions of the
 * topology on one machine: {@code java -cp <test classpath> io.paypulse.process.BrokerThroughput [events]}.
 */
public final class BrokerThroughput {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        String bootstrap = SharedBroker.bootstrapServers();
        SharedBroker.createTopics(Topics.partitionsByTopic(3));
        Instant t0 = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> pp = ClusterClients.base(bootstrap, Map.of(), "throughput-producer");
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        pp.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp)) {
            for (int i = 0; i < events; i++) {
                boolean failed = i % 10 == 0;
                String user = String.format("user_%06d", i % 997);
                String msg = new PaymentMessage(PaymentType.PAYMENT, failed, String.format("order_%012x", i), 100 + i % 5000,
                        user, failed ? null : "pay_0123456789abcdef", failed ? "Card declined" : null, "8.8.8.8").render();
                byte[] value = ("{\"timestamp\": \"" + t0.plusMillis(i / 2) + "\", \"level\": \"" + (failed ? "ERROR" : "INFO")
                        + "\", \"message\": \"" + msg + "\"}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topics.RAW, i % 3, user, value));
            }
            producer.flush();
        }
        boolean parsed = Boolean.getBoolean("parsed");
        for (int run = 1; run <= 2; run++) {
            ProcessorStats stats = new ProcessorStats();
            PayPulseConfig config = PayPulseConfig.forCluster(bootstrap, Files.createTempDirectory("throughput"));
            Properties props = StreamsSettings.of(config, stats);
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "throughput-" + UUID.randomUUID());
            // Behind until all is parsed, then caught up: stands in for the brokers' lag (StreamsConsumerLag), so
            // a parse task not yet handed its backlog at a cold start sends no idle mark.
            TopologyOptions options = TopologyOptions.of(3, Duration.ofSeconds(5), List.of())
                    .withLag((topic, partition) -> OptionalLong.of(stats.parsedCount() >= events ? 0 : 1));
            if (parsed) {
                options = (TopologyOptions) TopologyOptions.class.getMethod("withParsedTopic", boolean.class)
                        .invoke(options, true);
            }
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            double parsedAt = -1;
            try (KafkaStreams streams = new KafkaStreams(PaymentTopology.build(options, stats), props)) {
                streams.start();
                while (stats.finalizedEventCount() < events && System.nanoTime() - start < 300e9) {
                    if (parsedAt < 0 && stats.parsedCount() >= events) {
                        parsedAt = (System.nanoTime() - start) / 1e9;
                    }
                    Thread.sleep(20); // polling a counter, not synchronising anything
                }
                double finalAt = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d (%s): %,d events: all parsed %.2f s (%,.0f events/s), all final %.2f s, "
                                + "CPU %.1f s (JVM incl. broker), late %d, finalized %,d%n", run,
                        parsed ? "payment-parsed on" : "default", events, parsedAt, events / parsedAt, finalAt,
                        (os.getProcessCpuTime() - cpu0) / 1e9, stats.lateCount(), stats.finalizedEventCount());
                streams.close(Duration.ofSeconds(30));
            }
        }
        System.exit(0);
    }
}

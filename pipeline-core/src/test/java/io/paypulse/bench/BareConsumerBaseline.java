package io.paypulse.bench;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.schema.RawEventReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling on this machine, run by {@link UsersShapeBench} in a fresh JVM: a bare
 * {@code KafkaConsumer} (default fetch settings, no group) reads every value of a topic from the
 * beginning to the end offsets it finds at start, and parses each with {@link RawEventReader#local()};
 * nothing else. Prints one line {@code baseline: events N rejected R loop-seconds S cpu-seconds C}.
 * Exits 1 when any value is rejected (the bench's events are all good).
 *
 * <p>Usage: {@code BareConsumerBaseline BOOTSTRAP TOPIC}
 */
public final class BareConsumerBaseline {

    private BareConsumerBaseline() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "bench-bare-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        RawEventReader reader = RawEventReader.local();
        long events = 0;
        long rejected = 0;
        String firstRejection = null;
        long t0 = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (!reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ParseOutcome o = reader.read(r.value(), Instant.now());
                    events++;
                    if (!o.isOk()) {
                        rejected++;
                        if (firstRejection == null) {
                            firstRejection = o.rejection();
                        }
                    }
                }
            }
        }
        double loop = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "baseline: events %d rejected %d loop-seconds %.3f cpu-seconds %.2f%n", events,
                rejected, loop, selfCpuSeconds());
        if (rejected > 0) {
            System.out.println("baseline: first rejection: " + firstRejection);
            System.exit(1);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** utime + stime of this JVM so far, from /proc/self/stat (USER_HZ 100). */
    private static double selfCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}

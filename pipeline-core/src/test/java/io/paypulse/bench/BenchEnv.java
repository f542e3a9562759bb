package io.paypulse.bench;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * What every benchmark of one bench run shares: a fresh temp data dir, one embedded broker on a
 * free port with the pipeline's topics, an admin client, and the resource monitor.
 */
final class BenchEnv implements AutoCloseable {

    static final int PARTITIONS = PayPulseConfig.forCluster("unused", Path.of(".")).partitions();

    final Path root;
    final EmbeddedBroker broker;
    final Admin admin;
    final ResourceMonitor monitor;

    private BenchEnv(Path root, EmbeddedBroker broker, Admin admin, ResourceMonitor monitor) {
        this.root = root;
        this.broker = broker;
        this.admin = admin;
        this.monitor = monitor;
    }

    static BenchEnv start(ResourceMonitor monitor) throws IOException {
        Path root = Files.createTempDirectory("paypulse-bench-");
        EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(root.resolve("broker"), 0, false));
        Admin admin = Admin.create(ClusterClients.base(broker.bootstrapServers(), Map.of(), "bench-admin"));
        TopicSetup.ensure(admin, Topics.partitionsByTopic(PARTITIONS), (short) 1, Duration.ofSeconds(30));
        return new BenchEnv(root, broker, admin, monitor);
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** Defaults of the shipped configuration, against this broker, under a new directory {@code name}. */
    PayPulseConfig config(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PayPulseConfig.forCluster(bootstrap(), dir);
    }

    /**
     * Empties topics by moving their log start offset to their end (Admin.deleteRecords), so the
     * next consumer reading "from the beginning" (CSV sinks, a new Streams application id) starts
     * there. Cheaper and safer than deleting and re-creating the topics.
     */
    void truncate(List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p ->
                            request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot truncate " + topics, e);
        }
    }

    /** Sum of the latest offsets of a topic's partitions (records + transaction markers). */
    long endOffsets(String topic) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    /** Bytes on disk of a topic's partition directories (all segments, after compression). */
    long topicBytes(String topic) {
        Path kafka = root.resolve("broker").resolve("kafka");
        long total = 0;
        for (int p = 0; ; p++) {
            Path dir = kafka.resolve(topic + "-" + p);
            if (!Files.isDirectory(dir)) {
                return total;
            }
            try (Stream<Path> files = Files.list(dir)) {
                total += files.filter(f -> f.getFileName().toString().endsWith(".log"))
                        .mapToLong(f -> f.toFile().length()).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + root + ": " + e);
        }
    }
}

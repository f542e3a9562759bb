package io.paypulse.testing;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/**
 * One embedded broker for the whole test JVM, so the 2-core machine runs a single broker for all
 * integration tests. Started lazily on first use (port 0, a temp data dir), closed and deleted by a
 * JVM shutdown hook. Tests share it: use unique topic names and group ids.
 */
public final class SharedBroker {

    private static EmbeddedBroker broker;

    private SharedBroker() {
    }

    /** Bootstrap servers of the shared broker, starting it on first call. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    private static synchronized EmbeddedBroker broker() {
        if (broker == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("paypulse-shared-broker-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedBroker started = EmbeddedBroker.start(new BrokerOptions(dir, 0, false));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }, "shared-broker-shutdown"));
            broker = started;
        }
        return broker;
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1), then waits until
     * {@code Admin.listOffsets(latest)} answers for every partition of every named topic. That wait
     * dodges KAFKA-15591: an idempotent producer writing to a just-created topic can lose its first
     * batch and stall for 120 s.
     */
    public static void createTopics(Map<String, Integer> partitionsByName) {
        try (Admin admin = Admin.create(adminProps())) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByName.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create topic " + name, e);
                }
            });
            Awaitility.await("latest offsets of " + partitionsByName.keySet())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> latestOffsetsAvailable(admin, partitionsByName.keySet()));
        }
    }

    private static boolean latestOffsetsAvailable(Admin admin, Iterable<String> names) throws Exception {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        Map<String, TopicDescription> descriptions = admin.describeTopics(list).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(
                p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        return true;
    }

    private static Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "shared-broker-admin");
        return props;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}

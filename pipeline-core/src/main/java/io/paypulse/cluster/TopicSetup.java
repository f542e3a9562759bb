package io.paypulse.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics if they are missing (idempotent) and waits until every partition
 * answers a list-offsets request: producing to a topic created a moment ago can otherwise lose its
 * first batch and stall for two minutes (KAFKA-15591).
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    /** Replication "as the broker's {@code default.replication.factor} says", for {@link #ensureCompacted}. */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private TopicSetup() {
    }

    /**
     * Creates {@code topic} with one partition and {@code cleanup.policy=compact} if it is missing,
     * and waits until it answers list-offsets. A compacted topic keeps the last record of every key
     * for good, which is what state topics keyed by id ({@code payment-silences},
     * {@code payment-notifications}) need: with the default {@code delete} policy a 30-day silence
     * would vanish after the 7-day retention.
     *
     * <p>An existing topic with another policy is altered to {@code compact} (logged as a warning):
     * the topic is PayPulse's own and that is the fix a user would be told to make. When the cluster
     * refuses the change (ACLs), the exception says which command to run.
     *
     * @param replication replication of a new topic, or {@link #BROKER_DEFAULT_REPLICATION}
     * @throws ClusterUnreachableException with one sentence when the cluster does not answer in time
     *         or refuses
     */
    public static TopicStatus ensureCompacted(Admin admin, String topic, short replication, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean created = false;
            Set<String> existing = admin.listTopics().names().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            if (!existing.contains(topic)) {
                NewTopic wanted = new NewTopic(topic, Optional.of(1),
                        replication > 0 ? Optional.of(replication) : Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(wanted)).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                    created = true;
                    LOG.info("Created compacted topic {}", topic);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            if (!created) {
                makeCompacted(admin, topic, deadline);
            }
            Map<String, TopicDescription> described = awaitPartitionsReady(admin, Set.of(topic), deadline);
            return status(described.get(topic), created);
        } catch (ExecutionException e) {
            throw new ClusterUnreachableException("Could not create the compacted topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw unreachable(e, "create", timeout);
        }
    }

    /** The {@code cleanup.policy} of an existing topic, e.g. {@code delete} or {@code compact,delete}. */
    public static String cleanupPolicy(Admin admin, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return cleanupPolicy(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic), deadline);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw unreachable(e, "describe", timeout);
        }
    }

    private static String cleanupPolicy(Admin admin, ConfigResource resource, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        Config config = admin.describeConfigs(List.of(resource)).all()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS).get(resource);
        ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return entry == null || entry.value() == null ? TopicConfig.CLEANUP_POLICY_DELETE : entry.value();
    }

    private static void makeCompacted(Admin admin, String topic, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String policy = cleanupPolicy(admin, resource, deadline);
        if (policy.equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return;
        }
        // "compact,delete" still deletes by retention, so a long silence could vanish: set plain compact.
        AlterConfigOp set = new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all()
                    .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClusterUnreachableException("Topic " + topic + " has cleanup.policy=" + policy
                    + " but must be compacted, and the cluster refused to change it (" + e.getCause().getMessage()
                    + "); run: kafka-configs --bootstrap-server HOST:PORT --alter --entity-type topics --entity-name "
                    + topic + " --add-config cleanup.policy=compact", e.getCause());
        }
        LOG.warn("Topic {} had cleanup.policy={}; changed it to compact so its records (one per id) are kept.",
                topic, policy);
    }

    /** @return the names of the topics that were created (empty when all existed) */
    public static List<String> ensure(Admin admin, Map<String, Integer> partitionsByTopic, short replication,
            Duration timeout) {
        return ensureAll(admin, partitionsByTopic, replication, timeout).stream()
                .filter(TopicStatus::created).map(TopicStatus::name).toList();
    }

    /**
     * Like {@link #ensure} but reports every topic, in the order of {@code partitionsByTopic}, with
     * the partitions and replication it has now (an existing topic keeps its own).
     */
    public static List<TopicStatus> ensureAll(Admin admin, Map<String, Integer> partitionsByTopic, short replication,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics().names().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
                }
            });
            List<String> created = new ArrayList<>();
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            Map<String, TopicDescription> described = awaitPartitionsReady(admin, partitionsByTopic.keySet(), deadline);
            List<TopicStatus> statuses = new ArrayList<>();
            for (String name : partitionsByTopic.keySet()) {
                statuses.add(status(described.get(name), created.contains(name)));
            }
            return statuses;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw unreachable(e, "create", timeout);
        }
    }

    /** The named topics that exist, by name, in the order given; missing ones are left out. */
    public static Map<String, TopicStatus> describe(Admin admin, Collection<String> names, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics().names().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            List<String> present = names.stream().filter(existing::contains).toList();
            Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                    : admin.describeTopics(present).allTopicNames().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            Map<String, TopicStatus> out = new LinkedHashMap<>();
            present.forEach(name -> out.put(name, status(described.get(name), false)));
            return out;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw unreachable(e, "describe", timeout);
        }
    }

    /** One sentence for a failed admin call ({@code verb}: what was being done to the pipeline topics). */
    private static ClusterUnreachableException unreachable(Exception e, String verb, Duration timeout) {
        if (e instanceof ExecutionException ex) {
            return new ClusterUnreachableException("Could not " + verb + " the pipeline topics: "
                    + ex.getCause().getMessage(), ex.getCause());
        }
        if (e instanceof TimeoutException) {
            return new ClusterUnreachableException("The Kafka cluster did not answer within "
                    + timeout.toSeconds() + " s; check the bootstrap servers.", e);
        }
        Thread.currentThread().interrupt();
        return new ClusterUnreachableException("Interrupted while trying to " + verb + " topics.", e);
    }

    private static TopicStatus status(TopicDescription d, boolean created) {
        int replication = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
        return new TopicStatus(d.name(), created, d.partitions().size(), replication);
    }

    private static Map<String, TopicDescription> awaitPartitionsReady(Admin admin, Set<String> topics, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                described.values().forEach(d -> d.partitions().forEach(p ->
                        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
                return described;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions not ready");
                }
                Thread.sleep(100); // polling the broker for readiness; there is no event to wait on
            }
        }
    }

    private static long remainingMs(long deadline) throws TimeoutException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new TimeoutException("deadline passed");
        }
        return ms;
    }
}

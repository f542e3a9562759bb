package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.broker.PortProbe;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code paypulse topics ensure|list} against the shared embedded broker, and against nothing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicsCommandIT {

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void ensureCreatesEveryMissingTopicOnceAndThenLeavesThemAlone() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        // Other ITs on the shared broker create the pipeline topics too; start from none. The test
        // ends with the same layout they would create themselves (6 partitions, RF 1).
        deletePipelineTopics(bootstrap);

        assertThat(run("topics", "list", "--bootstrap", bootstrap)).isZero();
        assertThat(out.toString().lines()).containsExactlyInAnyOrderElementsOf(
                registryNames().stream().map(name -> "missing " + name).toList());

        assertThat(run("topics", "ensure", "--bootstrap", bootstrap)).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "created payment (6 partitions, RF 1)",
                "created payment-parsed (6 partitions, RF 1)",
                "created payment-agg-1m (1 partition, RF 1)",
                "created payment-alerts (1 partition, RF 1)",
                "created payment-dlq (1 partition, RF 1)",
                "created payment-silences (1 partition, RF 1, compacted)",
                "created payment-notifications (1 partition, RF 1, compacted)");
        assertThat(err.toString()).isEmpty();
        try (Admin admin = admin(bootstrap)) {
            assertThat(TopicSetup.cleanupPolicy(admin, Topics.SILENCES, Duration.ofSeconds(30))).isEqualTo("compact");
            assertThat(TopicSetup.cleanupPolicy(admin, Topics.NOTIFICATIONS, Duration.ofSeconds(30)))
                    .isEqualTo("compact");
            assertThat(TopicSetup.cleanupPolicy(admin, Topics.RAW, Duration.ofSeconds(30))).isEqualTo("delete");
        }

        assertThat(run("topics", "ensure", "--bootstrap", bootstrap)).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "exists payment (6 partitions, RF 1)",
                "exists payment-parsed (6 partitions, RF 1)",
                "exists payment-agg-1m (1 partition, RF 1)",
                "exists payment-alerts (1 partition, RF 1)",
                "exists payment-dlq (1 partition, RF 1)",
                "exists payment-silences (1 partition, RF 1, compacted)",
                "exists payment-notifications (1 partition, RF 1, compacted)");

        assertThat(run("topics", "list", "--bootstrap", bootstrap)).isZero();
        assertThat(out.toString()).contains("exists payment (6 partitions, RF 1)\n",
                "exists payment-silences (1 partition, RF 1, compacted)\n").doesNotContain("missing");
        assertThat(out.toString().lines()).hasSameSizeAs(registryNames());
    }

    @Test
    void anExistingTopicWithFewerPartitionsThanConfiguredIsAWarningNotAFailure() {
        String bootstrap = SharedBroker.bootstrapServers();
        SharedBroker.createTopics(Topics.partitionsByTopic(6));
        assertThat(run("topics", "ensure", "--bootstrap", bootstrap, "--partitions", "8")).isZero();
        assertThat(out.toString()).contains("exists payment (6 partitions, RF 1)").doesNotContain("created");
        assertThat(err.toString()).contains(
                "paypulse: warning: payment has 6 partitions, fewer than the 8 configured;",
                "paypulse: warning: payment-parsed has 6 partitions");
    }

    @Test
    void anExistingTopicWithFewerReplicasThanConfiguredIsAWarningNotAFailure() {
        String bootstrap = SharedBroker.bootstrapServers();
        SharedBroker.createTopics(Topics.partitionsByTopic(6));
        assertThat(run("topics", "ensure", "--bootstrap", bootstrap, "--replication", "3")).isZero();
        assertThat(out.toString()).contains("exists payment-dlq (1 partition, RF 1)").doesNotContain("created");
        assertThat(err.toString()).contains(
                "paypulse: warning: payment-dlq has replication factor 1, less than the 3 configured; it is left as it is.");
    }

    @Test
    void anUnreachableClusterIsOneSentenceAndExitCodeOne() throws Exception {
        int closed = PortProbe.freePort("127.0.0.1"); // nobody listens there
        long t0 = System.nanoTime();
        assertThat(run("topics", "ensure", "--bootstrap", "localhost:" + closed, "--timeout", "3")).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(err.toString().strip()).isEqualTo("paypulse: Kafka at localhost:" + closed
                + " did not answer within 3 s; check --bootstrap and that the cluster is running.");
        assertThat(out.toString()).isEmpty();
    }

    /** Every topic name the registry declares ({@code Topics}' string constants), whatever the commands use. */
    private static List<String> registryNames() {
        List<String> names = new ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void deletePipelineTopics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> names = Set.copyOf(registryNames());
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var present = names.stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            }
            Awaitility.await("pipeline topics deleted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().noneMatch(names::contains));
        }
    }
}

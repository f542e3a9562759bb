package io.paypulse.cli;

import io.paypulse.cluster.TopicSetup;
import io.paypulse.cluster.TopicStatus;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ensure", mixinStandardHelpOptions = true,
        description = {"Creates the missing pipeline topics; leaves existing ones alone (idempotent).",
            "payment-silences and payment-notifications are compacted (an existing one is made so).",
            "One line per topic: 'created payment (6 partitions, RF 3)' or 'exists ...';",
            "warns when an existing topic has fewer partitions or replicas than configured.",
            "Example: paypulse topics ensure --bootstrap kafka1:9092 --replication 3"})
final class TopicsEnsureCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @SettingFlag(ConfigKeys.PARTITIONS)
    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of payment and payment-parsed (the others get 1). Default 6.")
    String partitions;

    @SettingFlag(ConfigKeys.REPLICATION)
    @Option(names = "--replication", paramLabel = "N", description = "Replication factor of new topics. Default 1.")
    String replication;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        Map<String, Integer> wanted = new LinkedHashMap<>(Topics.partitionsByTopic(config.partitions()));
        List<TopicStatus> topics = cluster.withAdmin(config, admin -> {
            List<TopicStatus> all = new ArrayList<>(
                    TopicSetup.ensureAll(admin, wanted, config.replication(), cluster.timeout()));
            for (String name : Topics.COMPACTED) {
                all.add(TopicSetup.ensureCompacted(admin, name, config.replication(), cluster.timeout()));
            }
            return all;
        });
        Topics.COMPACTED.forEach(name -> wanted.put(name, 1));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (TopicStatus t : topics) {
            out.println((t.created() ? "created " : "exists ") + describe(t, Topics.COMPACTED.contains(t.name())));
            int configured = wanted.get(t.name());
            if (t.partitions() < configured) {
                err.printf("paypulse: warning: %s has %d partitions, fewer than the %d configured;"
                        + " it is left as it is, so at most %d processor threads share its work.%n",
                        t.name(), t.partitions(), configured, t.partitions());
            }
            if (t.replication() < config.replication()) {
                err.printf("paypulse: warning: %s has replication factor %d, less than the %d configured;"
                        + " it is left as it is.%n", t.name(), t.replication(), config.replication());
            }
        }
        return 0;
    }

    /** {@code payment (6 partitions, RF 3)}, or {@code payment-silences (1 partition, RF 3, compacted)} */
    static String describe(TopicStatus t, boolean compacted) {
        return t.name() + " (" + t.partitions() + (t.partitions() == 1 ? " partition" : " partitions") + ", RF "
                + t.replication() + (compacted ? ", compacted)" : ")");
    }
}

package io.paypulse.cli;

import io.paypulse.cluster.TopicSetup;
import io.paypulse.cluster.TopicStatus;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the pipeline topics with their partitions and replication factor.",
            "A topic that does not exist is shown as 'missing payment-dlq'; the state topics",
            "(payment-silences, payment-notifications) also say whether they are compacted.",
            "Example: paypulse topics list --bootstrap kafka1:9092"})
final class TopicsListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        List<String> names = Topics.all();
        Map<String, String> policies = new HashMap<>();
        Map<String, TopicStatus> found = cluster.withAdmin(config, admin -> {
            Map<String, TopicStatus> described = TopicSetup.describe(admin, names, cluster.timeout());
            for (String name : Topics.COMPACTED) {
                if (described.containsKey(name)) {
                    policies.put(name, TopicSetup.cleanupPolicy(admin, name, cluster.timeout()));
                }
            }
            return described;
        });
        PrintWriter out = spec.commandLine().getOut();
        for (String name : names) {
            TopicStatus t = found.get(name);
            String policy = policies.get(name);
            if (t == null) {
                out.println("missing " + name);
            } else if (policy == null || policy.equals(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                out.println("exists " + TopicsEnsureCommand.describe(t, policy != null));
            } else {
                out.println("exists " + TopicsEnsureCommand.describe(t, false) + ", cleanup.policy=" + policy
                        + " but must be compact: 'paypulse topics ensure' changes it");
            }
        }
        return 0;
    }
}

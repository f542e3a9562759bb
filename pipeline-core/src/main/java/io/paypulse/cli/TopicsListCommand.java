package io.paypulse.cli;

import io.paypulse.cluster.TopicSetup;
import io.paypulse.cluster.TopicStatus;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the pipeline topics with their partitions and replication factor.",
            "A topic that does not exist is shown as 'missing payment-dlq'.",
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
        var names = Topics.partitionsByTopic(config.partitions()).keySet();
        Map<String, TopicStatus> found = cluster.withAdmin(config, admin -> TopicSetup.describe(admin, names, cluster.timeout()));
        PrintWriter out = spec.commandLine().getOut();
        for (String name : names) {
            TopicStatus t = found.get(name);
            if (t == null) {
                out.println("missing " + name);
            } else {
                out.println("exists " + TopicsEnsureCommand.describe(t));
            }
        }
        return 0;
    }
}

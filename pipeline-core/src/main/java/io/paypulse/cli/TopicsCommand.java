package io.paypulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paypulse topics ensure|list}: the pipeline topics on a cluster, for deployments and checks. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates or lists the pipeline topics on a Kafka cluster.",
        subcommands = {TopicsEnsureCommand.class, TopicsListCommand.class})
final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

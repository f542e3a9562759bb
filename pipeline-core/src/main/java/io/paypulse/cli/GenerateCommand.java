package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicsReady;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.generate.Generator;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Sends payment log events to the 'payment' topic of a Kafka cluster.",
            "Example: paypulse generate --bootstrap localhost:9092 --rate 500 --scenario gateway-outage"})
final class GenerateCommand implements Callable<Integer> {

    /** The composition root of this command: every thread it starts comes from here. */
    private final Workers workers = Workers.standard();

    @Mixin
    CommonOptions common;

    @Mixin
    BootstrapOption bootstrap;

    @SettingFlag(ConfigKeys.EVENTS)
    @Option(names = "--events", paramLabel = "N", description = "Stop after N events. Default: run until Ctrl-C.")
    String events;

    @Mixin
    GeneratorOptions generatorOptions;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    ClientConfigOptions clientConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PayPulseConfig config = common.load();
        requireBootstrap(config);
        TopicsReady.ensure(ClusterClients.base(config, "paypulse-setup"), Topics.partitionsByTopic(config.partitions()),
                config.replication(), Duration.ofSeconds(30), Topics.RAW);
        try (Generator generator = new Generator(ClusterClients.base(config, "paypulse-generator"), config.generator(),
                Clock.systemUTC(), config.schemaRegistryUrl(), workers)) {
            PrintWriter out = spec.commandLine().getOut();
            // Ctrl-C ends an unbounded run: say how much went out, as a bounded run does.
            ShutdownLatch shutdown = new ShutdownLatch(() -> {
                generator.close();
                out.println("Stopped; sent " + generator.sent() + " events.");
                out.println("Sent by group: " + generator.tally()); // what ComposeStackIT checks the windows against
            }, workers);
            generator.start();
            out.println("Sending to " + config.bootstrapServers() + "; press Ctrl-C to stop.");
            if (config.generator().events() > 0) {
                generator.awaitDone(Duration.ofDays(365));
                out.println("Sent " + generator.sent() + " events.");
                shutdown.disarm();
            } else {
                shutdown.await();
            }
        }
        return 0;
    }

    static void requireBootstrap(PayPulseConfig config) {
        if (config.embedded()) {
            throw new ConfigException("This command needs a Kafka cluster: give --bootstrap HOST:PORT "
                    + "(or set " + ConfigKeys.BOOTSTRAP + " in the config or " + ConfigKeys.envName(ConfigKeys.BOOTSTRAP) + ").");
        }
    }
}

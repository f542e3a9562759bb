package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.process.ProcessorService;
import io.paypulse.process.ProcessorStoppedException;
import io.paypulse.threads.Workers;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "process", mixinStandardHelpOptions = true,
        // The first line is the summary `paypulse --help` lists, so it must be a whole sentence.
        description = {"Runs the processor (Kafka Streams) against a Kafka cluster.",
            "Start more instances with the same --application-id to share the work; give all but one",
            "--no-sinks (or separate --output-dir).",
            "Example: paypulse process --bootstrap kafka1:9092,kafka2:9092"})
final class ProcessCommand implements Callable<Integer> {

    /** The composition root of this command: every thread it starts comes from here. */
    private final Workers workers = Workers.standard();

    @Mixin
    CommonOptions common;

    @Mixin
    ProcessorOptions processorOptions;

    @Mixin
    BootstrapOption bootstrap;

    @SettingFlag(ConfigKeys.GRACE)
    @Option(names = "--grace", paramLabel = "DURATION", description = "How late an event may be, e.g. 5s (default).")
    String grace;

    @SettingFlag(ConfigKeys.GUARANTEE)
    @Option(names = "--guarantee", description = "exactly_once_v2 (default) or at_least_once.")
    String guarantee;

    @SettingFlag(ConfigKeys.APPLICATION_ID)
    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id. Default paypulse-processor.")
    String applicationId;

    @SettingFlag(ConfigKeys.THREADS)
    @Option(names = "--threads", paramLabel = "N", description = "Stream threads in this instance. Default 1.")
    String threads;

    @SettingFlag(value = ConfigKeys.SINKS, whenGiven = "false")
    @Option(names = "--no-sinks", description = "Do not write CSV files from this instance.")
    boolean noSinks;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    ClientConfigOptions clientConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PayPulseConfig config = common.load();
        GenerateCommand.requireBootstrap(config);
        DataDir.requireUsable(config, config.fileModes());
        var alertRules = Rules.of(config);
        try (ProcessorService processor = new ProcessorService(config, alertRules, workers)) {
            ShutdownLatch shutdown = new ShutdownLatch(processor, workers);
            // A dead Streams client ends the command (exit 1, one sentence) so that a supervisor
            // (Docker's restart policy, systemd) acts, instead of idling with /health 503.
            processor.whenFailed(shutdown::release);
            processor.start();
            spec.commandLine().getOut().println("Processing from " + config.bootstrapServers() + "; press Ctrl-C to stop.");
            shutdown.await();
            if (processor.failure() != null) {
                shutdown.disarm();
                throw new ProcessorStoppedException(processor.failure());
            }
        }
        return 0;
    }
}

package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PaypulseConfig;
import io.paypulse.process.ProcessorService;
import java.util.HashMap;
import java.util.Map;
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

    @Mixin
    CommonOptions common;

    @Mixin
    ProcessorOptions processorOptions;

    @Option(names = "--bootstrap", paramLabel = "SERVERS", description = "Kafka bootstrap servers (required here or in the config).")
    String bootstrap;

    @Option(names = "--grace", paramLabel = "DURATION", description = "How late an event may be, e.g. 5s (default).")
    String grace;

    @Option(names = "--guarantee", description = "exactly_once_v2 (default) or at_least_once.")
    String guarantee;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id. Default paypulse-processor.")
    String applicationId;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads in this instance. Default 1.")
    String threads;

    @Option(names = "--no-sinks", description = "Do not write CSV files from this instance.")
    boolean noSinks;

    @Mixin
    RegistryOptions registryOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.BOOTSTRAP, bootstrap);
        flags.put(ConfigKeys.GRACE, grace);
        flags.put(ConfigKeys.GUARANTEE, guarantee);
        flags.put(ConfigKeys.APPLICATION_ID, applicationId);
        flags.put(ConfigKeys.THREADS, threads);
        flags.put(ConfigKeys.SINKS, noSinks ? "false" : null);
        processorOptions.putInto(flags);
        registryOptions.putInto(flags);
        PaypulseConfig config = common.load(flags);
        GenerateCommand.requireBootstrap(config);
        DataDir.requireUsable(config, config.fileModes());
        var alertRules = Rules.of(config);
        try (ProcessorService processor = new ProcessorService(config, alertRules)) {
            ShutdownLatch shutdown = new ShutdownLatch(processor);
            processor.start();
            spec.commandLine().getOut().println("Processing from " + config.bootstrapServers() + "; press Ctrl-C to stop.");
            shutdown.await();
        }
        return 0;
    }
}

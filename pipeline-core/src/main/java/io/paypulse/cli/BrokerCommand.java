package io.paypulse.cli;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.threads.Workers;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs only the embedded single-node Kafka broker (KRaft) until Ctrl-C.",
            "Example: paypulse broker --broker-port 9092"})
final class BrokerCommand implements Callable<Integer> {

    /** The composition root of this command: every thread it starts comes from here. */
    private final Workers workers = Workers.standard();

    @Mixin
    CommonOptions common;

    @SettingFlag(ConfigKeys.BROKER_PORT)
    @Option(names = "--broker-port", paramLabel = "PORT", description = "Port. Default 9092 (another free port if taken).")
    String brokerPort;

    @Option(names = "--fresh", description = "Delete the broker data first.")
    boolean fresh;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PayPulseConfig config = common.load();
        if (fresh) {
            DataDir.wipe(config.dataDir());
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new BrokerOptions(config.dataDir(), config.brokerPort(), config.brokerPortExplicit()), workers)) {
            ShutdownLatch shutdown = new ShutdownLatch(broker, workers);
            spec.commandLine().getOut().printf("Broker ready on %s in %.1f s; press Ctrl-C to stop.%n",
                    broker.bootstrapServers(), broker.startupTime().toMillis() / 1000.0);
            spec.commandLine().getOut().flush();
            shutdown.await();
        }
        return 0;
    }
}

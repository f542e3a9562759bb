package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import picocli.CommandLine.Option;

/** {@code --bootstrap SERVERS}, declared once for every command that talks to a Kafka cluster. */
final class BootstrapOption {

    @SettingFlag(ConfigKeys.BOOTSTRAP)
    @Option(names = "--bootstrap", paramLabel = "SERVERS",
            description = "Kafka bootstrap servers, e.g. kafka1:9092,kafka2:9092. Required here or in the config, "
                    + "except by run, which starts an embedded broker without it.")
    String servers;
}

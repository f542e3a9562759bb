package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import picocli.CommandLine.Option;

/** {@code --client-config FILE} of every command that talks to a Kafka cluster. */
final class ClientConfigOptions {

    @SettingFlag(ConfigKeys.CLIENT_CONFIG)
    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client .properties file (SASL, TLS, $${file:...}/$${env:...} config providers) for "
                    + "every client of the cluster; kafka.* settings win over it.")
    String file;
}

package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import picocli.CommandLine.Option;

/** Processor flags shared by {@code run} and {@code process}. */
final class ProcessorOptions {

    @SettingFlag(ConfigKeys.RULES)
    @Option(names = "--rules", paramLabel = "FILE", description = "Alert rules (YAML). Default: the shipped rules.")
    String rules;

    @SettingFlag(ConfigKeys.OUTPUT_DIR)
    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where CSV files go. Default: <data-dir>/output.")
    String outputDir;

    @SettingFlag(ConfigKeys.HTTP_PORT)
    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve GET /health and /metrics (Prometheus) on this port. Default 0: off.")
    String httpPort;

    @SettingFlag(ConfigKeys.HTTP_HOST)
    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "Address the health endpoint listens on. Default 127.0.0.1: this machine only; "
                    + "0.0.0.0: all interfaces (containers).")
    String httpHost;

    @SettingFlag(value = ConfigKeys.PARSED_TOPIC, whenGiven = "true")
    @Option(names = "--parsed-topic",
            description = "Also publish every parsed event to topic payment-parsed, for downstream consumers. "
                    + "Default: off (the parsed CSV is written from the raw topic).")
    boolean parsedTopic;
}

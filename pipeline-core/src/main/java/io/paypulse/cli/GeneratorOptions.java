package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import picocli.CommandLine.Option;

/** Generator flags shared by {@code run} and {@code generate}. */
final class GeneratorOptions {

    @SettingFlag(ConfigKeys.RATE)
    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Events per second; 0 = as fast as possible. Default 100.")
    String rate;

    @SettingFlag(ConfigKeys.SEED)
    @Option(names = "--seed", description = "Seed for a deterministic event sequence.")
    String seed;

    @SettingFlag(ConfigKeys.SCENARIO)
    @Option(names = "--scenario", description = "normal, gateway-outage, refund-spike, card-testing or quiet.")
    String scenario;

    @SettingFlag(ConfigKeys.LOG_FORMAT)
    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "compact (default) or python: the original project's json.dumps shape, e.g. \"2026-01-01T00:00:00.000500+00:00\".")
    String logFormat;
}

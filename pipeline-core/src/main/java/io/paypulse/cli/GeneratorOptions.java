package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import java.util.Map;
import picocli.CommandLine.Option;

/** Generator flags shared by {@code run} and {@code generate}. */
final class GeneratorOptions {

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Events per second; 0 = as fast as possible. Default 100.")
    String rate;

    @Option(names = "--seed", description = "Seed for a deterministic event sequence.")
    String seed;

    @Option(names = "--scenario", description = "normal, gateway-outage, refund-spike, card-testing or quiet.")
    String scenario;

    void putInto(Map<String, String> flags) {
        flags.put(ConfigKeys.RATE, rate);
        flags.put(ConfigKeys.SEED, seed);
        flags.put(ConfigKeys.SCENARIO, scenario);
    }
}

package io.paypulse.config;

/**
 * @param rate      events per second; 0 means as fast as possible
 * @param events    total events to send; 0 means unbounded
 * @param seed      seed for a deterministic event sequence; null means random
 * @param scenario  scenario name at start (see io.paypulse.generate.Scenario)
 * @param logFormat how events are written (see io.paypulse.generate.LogFormat): compact or python
 */
public record GeneratorSettings(double rate, long events, Long seed, String scenario, String logFormat) {

    public static final String DEFAULT_LOG_FORMAT = "compact";

    /** With the default log format. */
    public GeneratorSettings(double rate, long events, Long seed, String scenario) {
        this(rate, events, seed, scenario, DEFAULT_LOG_FORMAT);
    }

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(100, 0, null, "normal");
    }
}

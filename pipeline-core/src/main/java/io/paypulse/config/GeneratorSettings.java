package io.paypulse.config;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * @param rate      events per second; 0 means as fast as possible
 * @param events    total events to send; 0 means unbounded
 * @param seed      seed for a deterministic event sequence; null means random
 * @param scenario  scenario name at start, as given (see {@link Scenario}; {@link #startScenario()} is the value)
 * @param logFormat how events are written (see io.paypulse.generate.LogFormat): compact or python
 */
public record GeneratorSettings(double rate, long events, Long seed, String scenario, String logFormat) {

    /** Events per second; 0 = as fast as possible. The app's rate spinner takes its bounds from here. */
    public static final Setting<Double> RATE = Setting.decimal(ConfigKeys.RATE, 100, 0, 10_000_000);
    /** Events to send; 0 = unbounded. */
    public static final Setting<Long> EVENTS = Setting.whole(ConfigKeys.EVENTS, 0, 0, Long.MAX_VALUE);

    /** Any 64-bit seed; none (random) when not given ({@code read(s, null)}). */
    public static final Setting<Long> SEED = Setting.whole(ConfigKeys.SEED, 0, Long.MIN_VALUE, Long.MAX_VALUE);

    /**
     * A scenario's name, kept as given; a blank one is not a scenario. {@link Scenario#parse} is the check
     * and its sentence (it lists the scenarios), here and in the constructor.
     */
    public static final Setting<String> SCENARIO = Setting.parsed(ConfigKeys.SCENARIO, Scenario.NORMAL.configName(),
            name -> {
                Scenario.parse(name);
                return name;
            }, name -> name, "allowed: a scenario").checkingBlank();

    /** How events are written (see io.paypulse.generate.LogFormat). */
    public static final Setting<String> LOG_FORMAT = Setting.choice(ConfigKeys.LOG_FORMAT, "compact",
            List.of("compact", "python")).describedAs("allowed: compact (default), python");

    public static final String DEFAULT_LOG_FORMAT = LOG_FORMAT.defaultValue();

    /** This record's lines of {@code --show-config}, in order. */
    private static final List<Shown<GeneratorSettings>> SHOWN = List.of(
            Shown.of(RATE, GeneratorSettings::rate),
            Shown.of(EVENTS, GeneratorSettings::events),
            Shown.of(SEED, GeneratorSettings::seed),
            Shown.of(SCENARIO, GeneratorSettings::scenario),
            Shown.of(LOG_FORMAT, GeneratorSettings::logFormat));

    /** @throws ConfigException for a rate or event count outside its {@link Setting}'s range, or an unknown scenario */
    public GeneratorSettings {
        RATE.require(rate);
        EVENTS.require(events);
        Scenario.parse(scenario); // the one check of the name, whoever builds the settings
    }

    /** The scenario the generator starts in. */
    public Scenario startScenario() {
        return Scenario.parse(scenario);
    }

    /** With a rate changed, e.g. by the app's spinner; checked against {@link #RATE}. */
    public GeneratorSettings withRate(double eventsPerSecond) {
        return with(b -> b.rate = eventsPerSecond);
    }

    /** A copy with {@code change} applied: the one place a copy lists every component. */
    public GeneratorSettings with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(RATE.defaultValue(), EVENTS.defaultValue(), null, SCENARIO.defaultValue(),
                DEFAULT_LOG_FORMAT);
    }

    /** Read from layered settings text; a bad value is one sentence naming its key. */
    static GeneratorSettings from(Map<String, String> s) {
        return new GeneratorSettings(
                RATE.read(s),
                EVENTS.read(s),
                SEED.read(s, null),
                SCENARIO.read(s),
                LOG_FORMAT.read(s));
    }

    /** How each of these settings is shown by {@code --show-config}. */
    public static List<Shown<GeneratorSettings>> shown() {
        return SHOWN;
    }

    /** The components of a copy in the making (see {@link #with}); checked when the copy is built. */
    public static final class Builder {
        public double rate;
        public long events;
        public Long seed;
        public String scenario;
        public String logFormat;

        private Builder(GeneratorSettings g) {
            rate = g.rate;
            events = g.events;
            seed = g.seed;
            scenario = g.scenario;
            logFormat = g.logFormat;
        }

        private GeneratorSettings build() {
            return new GeneratorSettings(rate, events, seed, scenario, logFormat);
        }
    }
}

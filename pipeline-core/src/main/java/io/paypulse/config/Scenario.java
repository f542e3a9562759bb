package io.paypulse.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the generator simulates. Each scenario is a distortion of the original project's mix that
 * the processor's alert rules should notice (or, for {@link #NORMAL} and {@link #QUIET}, should
 * stay silent about, or notice the silence).
 */
public enum Scenario {
    /** The original mix: 90% payments / 10% refunds, 10% of each failed. */
    NORMAL("normal"),
    /** 60% of payments fail, mostly with "Payment gateway error"; refunds unchanged. */
    GATEWAY_OUTAGE("gateway-outage"),
    /** Refunds are ~40% of events; failure rates unchanged. */
    REFUND_SPIKE("refund-spike"),
    /** Normal traffic plus one user making ~30 small failed payments per minute. */
    CARD_TESTING("card-testing"),
    /** No events at all. */
    QUIET("quiet");

    private static final String ALLOWED = "allowed: " + Arrays.stream(values())
            .map(Scenario::configName).collect(Collectors.joining(", "));

    private final String configName;

    Scenario(String configName) {
        this.configName = configName;
    }

    /** The kebab-case name used in config files, the CLI and the app. */
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }

    /**
     * Reads a kebab-case name (surrounding blanks and case are ignored).
     *
     * @throws ConfigException naming {@code generator.scenario}, the value and the allowed names
     */
    public static Scenario parse(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (Scenario s : values()) {
                if (s.configName.equals(wanted)) {
                    return s;
                }
            }
        }
        throw ConfigException.invalid("generator.scenario", String.valueOf(name), ALLOWED);
    }
}

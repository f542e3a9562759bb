package io.paypulse.alert;

import io.paypulse.event.Severity;
import java.time.Duration;
import java.util.Objects;

/**
 * Fires when no event has been seen for {@code after} of wall-clock time; resolves on the first
 * tick that reports an event seen after the alert fired. Evaluated on wall-clock ticks only,
 * because stream time stands still exactly when data stops.
 */
public record NoDataRule(String name, Severity severity, String description, boolean enabled, Duration after)
        implements AlertRule {

    /** The alert group of no-data alerts: the whole stream. */
    public static final String GROUP = "all";

    public NoDataRule {
        AlertRule.checkCommon(name, severity, description);
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("rule '" + name + "': after must be positive");
        }
    }

    @Override
    public String kind() {
        return "no-data";
    }
}

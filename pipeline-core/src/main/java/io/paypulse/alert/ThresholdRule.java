package io.paypulse.alert;

import io.paypulse.event.Severity;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares one number per final window with a threshold.
 *
 * <p>With operator {@code above} the rule breaches when the value is strictly above {@code threshold}
 * and recovers when it is strictly below {@code recovery} (at or below the threshold); in between the
 * state does not change, which keeps a value hovering around the threshold from flapping.
 * {@code below} is the mirror image. A rule fires after {@code forWindows} consecutive breaching windows.
 *
 * @param metric    what is measured; sums are compared in dollars, rates and shares in percent
 * @param selector  the groups counted: for {@code failure-rate} only the type is used
 * @param minEvents for rates and shares: windows with fewer events in the denominator (events of the
 *                  type for failure-rate, all events for share) are skipped, as if they had not happened
 */
public record ThresholdRule(
        String name,
        Severity severity,
        String description,
        boolean enabled,
        Metric metric,
        Selector selector,
        Operator operator,
        double threshold,
        double recovery,
        int forWindows,
        long minEvents) implements AlertRule {

    public enum Metric {
        /** Events of the selected groups. */
        COUNT,
        /** Amount of the selected groups, in dollars. */
        SUM,
        /** Percent of the events of the selected type that failed. */
        FAILURE_RATE,
        /** Percent of all events that are in the selected groups. */
        SHARE;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean isPercent() {
            return this == FAILURE_RATE || this == SHARE;
        }
    }

    public enum Operator {
        ABOVE, BELOW;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ThresholdRule {
        AlertRule.checkCommon(name, severity, description);
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(operator, "operator");
        if (!Double.isFinite(threshold) || !Double.isFinite(recovery)) {
            throw new IllegalArgumentException("rule '" + name + "': threshold and recovery must be finite");
        }
        if (operator == Operator.ABOVE ? recovery > threshold : recovery < threshold) {
            throw new IllegalArgumentException("rule '" + name + "': recovery " + recovery
                    + " is not on the safe side of threshold " + threshold);
        }
        if (forWindows < 1) {
            throw new IllegalArgumentException("rule '" + name + "': for must be at least 1");
        }
        if (minEvents < 0) {
            throw new IllegalArgumentException("rule '" + name + "': min-events must not be negative");
        }
    }

    @Override
    public String kind() {
        return "threshold";
    }

    /** The alert group: the type for failure rates ({@code Payment}), else the selector ({@code Refund/any}). */
    public String group() {
        return metric == Metric.FAILURE_RATE ? selector.typeKey() : selector.key();
    }
}

package io.paypulse.alert;

import io.paypulse.event.Severity;

/**
 * Per user: fires when a user has at least the threshold of failed payments in one final window
 * (alert group = the user id), resolves at the first final window in which that user has fewer
 * (a user missing from the window counts 0). Typical of card testing: one account trying many cards.
 *
 * <p>The threshold of a window is {@code threshold}, raised to {@code outlierFactor} times the mean
 * failed payments of the users who had any in that window. At high event rates, or while many
 * payments fail for everyone (a gateway outage), ordinary users reach a fixed threshold by chance;
 * the factor keeps the rule about one user standing out. 0 turns it off.
 */
public record VelocityRule(String name, Severity severity, String description, boolean enabled, long threshold,
        double outlierFactor) implements AlertRule {

    public VelocityRule {
        AlertRule.checkCommon(name, severity, description);
        if (threshold < 1) {
            throw new IllegalArgumentException("rule '" + name + "': threshold must be at least 1");
        }
        if (!(outlierFactor >= 0) || !Double.isFinite(outlierFactor)) {
            throw new IllegalArgumentException("rule '" + name + "': outlier-factor must not be negative");
        }
    }

    @Override
    public String kind() {
        return "velocity";
    }

    /** The threshold of a window whose users with failed payments have {@code mean} of them on average. */
    public long thresholdFor(double mean) {
        return Math.max(threshold, (long) Math.ceil(outlierFactor * mean - 1e-9));
    }
}

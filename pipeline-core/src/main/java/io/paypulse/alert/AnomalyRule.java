package io.paypulse.alert;

import io.paypulse.event.Severity;
import java.util.Objects;

/**
 * Compares a window's count or sum with the band {@code mean ± max(k·σ, mean·minBandPct/100)} of the
 * last {@code windows} final windows (population σ). The current window is compared first and then
 * added to the history; nothing is evaluated until the history holds {@code minHistory} windows.
 * Breaches when outside the band (either side), recovers when back inside; fires after
 * {@code forWindows} consecutive breaching windows.
 *
 * @param metric {@link ThresholdRule.Metric#COUNT} or {@link ThresholdRule.Metric#SUM} (sums in dollars)
 */
public record AnomalyRule(
        String name,
        Severity severity,
        String description,
        boolean enabled,
        ThresholdRule.Metric metric,
        Selector selector,
        double k,
        int windows,
        int minHistory,
        double minBandPct,
        int forWindows) implements AlertRule {

    /** The longest history a rule may keep: one day of 1-minute windows. */
    public static final int MAX_WINDOWS = 1440;

    public AnomalyRule {
        AlertRule.checkCommon(name, severity, description);
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(selector, "selector");
        if (metric != ThresholdRule.Metric.COUNT && metric != ThresholdRule.Metric.SUM) {
            throw new IllegalArgumentException("rule '" + name + "': anomaly metric must be count or sum");
        }
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("rule '" + name + "': k must be a positive number");
        }
        if (windows < 2 || windows > MAX_WINDOWS) {
            throw new IllegalArgumentException("rule '" + name + "': windows must be 2 to " + MAX_WINDOWS);
        }
        if (minHistory < 2 || minHistory > windows) {
            throw new IllegalArgumentException("rule '" + name + "': min-history must be 2 to windows");
        }
        if (!(minBandPct >= 0) || !Double.isFinite(minBandPct)) {
            throw new IllegalArgumentException("rule '" + name + "': min-band-pct must not be negative");
        }
        if (forWindows < 1) {
            throw new IllegalArgumentException("rule '" + name + "': for must be at least 1");
        }
    }

    @Override
    public String kind() {
        return "anomaly";
    }

    public String group() {
        return selector.key();
    }
}

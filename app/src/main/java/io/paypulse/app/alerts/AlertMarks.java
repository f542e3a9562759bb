package io.paypulse.app.alerts;

import java.util.List;

/**
 * What the user decided about alerts, kept across restarts: acknowledged alert ids (oldest first).
 * Silences are not here: they live in the cluster's {@code payment-silences} topic, shared with
 * the headless processor (the local per-rule snooze they replace is no longer read).
 */
public record AlertMarks(List<String> acknowledged) {

    public AlertMarks {
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
    }

    public static AlertMarks none() {
        return new AlertMarks(List.of());
    }
}

package io.paypulse.app.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the user decided about alerts, kept across restarts: acknowledged alert ids (oldest first)
 * and snoozed rules with the end of their snooze.
 */
public record AlertMarks(List<String> acknowledged, Map<String, Instant> snoozedUntil) {

    public AlertMarks {
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
        snoozedUntil = snoozedUntil == null ? Map.of() : Map.copyOf(snoozedUntil);
    }

    public static AlertMarks none() {
        return new AlertMarks(List.of(), Map.of());
    }
}

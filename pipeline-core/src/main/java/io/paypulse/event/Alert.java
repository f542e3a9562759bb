package io.paypulse.event;

import java.time.Instant;

/**
 * An alert bucket (topic {@code payment-alerts}). The dedup key {@link #id()} is
 * {@code rule|group|windowStart} where windowStart is the window in which the episode began;
 * every later window that keeps it firing updates the same bucket (occurrences, lastSeen) and
 * the bucket is published again under the same key, so consumers upsert by id.
 */
public record Alert(
        String id,
        String rule,
        Severity severity,
        String group,
        Instant windowStart,
        Instant windowEnd,
        double value,
        double threshold,
        String message,
        AlertState state,
        int occurrences,
        Instant firstSeen,
        Instant lastSeen) {

    public static String idOf(String rule, String group, Instant windowStart) {
        return rule + "|" + group + "|" + windowStart;
    }
}

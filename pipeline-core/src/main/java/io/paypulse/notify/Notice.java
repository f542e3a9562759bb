package io.paypulse.notify;

import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.time.Instant;

/**
 * One alert as a contact point receives it; the generic webhook POSTs exactly this as JSON
 * (documented in the README). {@code alertId} is stable for the alert's whole episode (firing
 * updates and the resolved one) so a receiver can dedupe a redelivery by {@code (alertId, state)}.
 *
 * @param selector  what the rule looks at, e.g. "payment/failed" or "any"; the user id for velocity
 * @param summary   one plain line without links, e.g. "CRITICAL payment-failure-rate-critical FIRING:
 *                  52.3% of payments failed (threshold 40%) in 10:41-10:42 UTC"
 */
public record Notice(
        String alertId,
        String rule,
        Severity severity,
        AlertState state,
        String group,
        Instant windowStart,
        Instant windowEnd,
        double value,
        double threshold,
        String selector,
        int occurrences,
        String summary) {
}

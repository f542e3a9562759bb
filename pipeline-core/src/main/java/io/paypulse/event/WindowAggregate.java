package io.paypulse.event;

import java.time.Instant;

/**
 * Totals of one group in one 1-minute window (topic {@code payment-agg-1m}).
 * {@code isFinal} is false for live partial updates and true exactly once per window and group,
 * when the window has closed.
 */
public record WindowAggregate(
        Instant start,
        Instant end,
        PaymentType type,
        boolean failed,
        long eventCount,
        long totalAmountCents,
        boolean isFinal) {

    public Group group() {
        return Group.of(type, failed);
    }
}

package io.paypulse.event;

import java.time.Instant;

/**
 * One structured record per log line (topic {@code payment-parsed}, the parsed CSV).
 * {@code paymentId} is set for successful payments, {@code refundId} for processed refunds,
 * {@code failReason} for failures; the others are null.
 */
public record ParsedEvent(
        Instant eventTime,
        Level level,
        PaymentType type,
        boolean failed,
        String orderId,
        long amountCents,
        String userId,
        String ipAddress,
        String paymentId,
        String failReason,
        String refundId) {

    public Group group() {
        return Group.of(type, failed);
    }
}

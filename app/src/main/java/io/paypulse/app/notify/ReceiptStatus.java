package io.paypulse.app.notify;

import java.time.Instant;

/**
 * The last delivery and the last error seen at one contact point, from the delivery receipts.
 *
 * @param lastDelivery  when a message was last accepted there, or null
 * @param lastErrorAt   when delivery last failed there, or null
 * @param lastError     that failure's sentence, or "" when none
 */
public record ReceiptStatus(Instant lastDelivery, Instant lastErrorAt, String lastError) {

    public static final ReceiptStatus NONE = new ReceiptStatus(null, null, "");

    public ReceiptStatus {
        lastError = lastError == null ? "" : lastError;
    }

    ReceiptStatus delivered(Instant at) {
        return lastDelivery != null && at != null && at.isBefore(lastDelivery) ? this
                : new ReceiptStatus(at, lastErrorAt, lastError);
    }

    ReceiptStatus failed(Instant at, String sentence) {
        return lastErrorAt != null && at != null && at.isBefore(lastErrorAt) ? this
                : new ReceiptStatus(lastDelivery, at, sentence);
    }
}

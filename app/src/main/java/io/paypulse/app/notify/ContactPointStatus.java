package io.paypulse.app.notify;

import java.time.Instant;

/**
 * The last delivery and the last error seen at one contact point, from the delivery receipts.
 *
 * @param lastDelivery  when a message was last accepted there, or null
 * @param lastErrorAt   when delivery last failed there, or null
 * @param lastError     that failure's sentence, or "" when none
 */
public record ContactPointStatus(Instant lastDelivery, Instant lastErrorAt, String lastError) {

    public static final ContactPointStatus NONE = new ContactPointStatus(null, null, "");

    public ContactPointStatus {
        lastError = lastError == null ? "" : lastError;
    }

    ContactPointStatus delivered(Instant at) {
        return lastDelivery != null && at != null && at.isBefore(lastDelivery) ? this
                : new ContactPointStatus(at, lastErrorAt, lastError);
    }

    ContactPointStatus failed(Instant at, String sentence) {
        return lastErrorAt != null && at != null && at.isBefore(lastErrorAt) ? this
                : new ContactPointStatus(lastDelivery, at, sentence);
    }
}

package io.paypulse.notify;

import java.time.Instant;
import java.util.Map;

/**
 * What a contact point's notifier did lately, for the app's Notifications section and logs.
 *
 * @param lastDeliveredAt  when the last message was accepted, or null
 * @param lastDelivered    that message's summary, or empty
 * @param lastErrorAt      when the last attempt failed (retried or not), or null
 * @param lastError        that failure as one sentence, or empty
 * @param counts           alert updates per outcome since start
 * @param running          false once the notifier stopped (closed, or skipped for want of a sender)
 */
public record ContactPointStatus(ContactPoint contactPoint, Instant lastDeliveredAt, String lastDelivered,
                                 Instant lastErrorAt, String lastError, Map<DeliveryReceipt.Outcome, Long> counts,
                                 boolean running) {

    public ContactPointStatus {
        counts = Map.copyOf(counts);
    }

    public long count(DeliveryReceipt.Outcome outcome) {
        return counts.getOrDefault(outcome, 0L);
    }
}

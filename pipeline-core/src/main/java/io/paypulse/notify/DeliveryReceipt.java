package io.paypulse.notify;

import io.paypulse.event.AlertState;
import java.time.Instant;

/**
 * What became of one alert update at one contact point; value of topic {@code payment-notifications}
 * (key {@code alertId|state|contactPoint}, compacted), so the app can show per alert row where it was
 * delivered and per contact point its last delivery and last error, in every deployment shape.
 *
 * @param detail  one plain sentence for failures and suppressions (e.g. "HTTP 400 from hooks.example.com:
 *                not retried"), empty when delivered
 */
public record DeliveryReceipt(String alertId, AlertState state, String contactPoint, Outcome outcome,
                              Instant at, String detail) {

    public enum Outcome {
        /** The receiver accepted it (HTTP 2xx, or the desktop notification was shown). */
        DELIVERED,
        /** Given up: a 4xx, or retries exhausted. */
        FAILED,
        /** A silence matched: recorded, not delivered. */
        SILENCED,
        /** A firing CRITICAL of the same family, group and window suppressed this WARNING. */
        INHIBITED,
        /** Over the contact point's rate limit: folded into an "N more alerts" message. */
        GROUPED
    }

    public static String keyOf(String alertId, AlertState state, String contactPoint) {
        return alertId + "|" + state + "|" + contactPoint;
    }

    public String key() {
        return keyOf(alertId, state, contactPoint);
    }
}

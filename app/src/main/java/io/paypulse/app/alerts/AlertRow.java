package io.paypulse.app.alerts;

import io.paypulse.event.Alert;
import io.paypulse.event.Severity;
import java.time.Instant;

/**
 * One row of the alert feed: an alert bucket plus what the user and the notifier made of it.
 * {@code status} is the engine's state, overridden while the alert fires by an acknowledgement, a
 * silence or an inhibition.
 *
 * @param silencedUntil end of the latest active silence that matches the alert, or null
 * @param folded        how many inhibited alerts are folded under this one (0 for most rows)
 * @param expanded      whether those folded alerts are shown under it
 * @param foldedUnder   id of the alert this one is folded under (an inhibited WARNING), or null
 * @param delivered     where the alert was delivered, e.g. "on-call ✓ · desktop ✓"; "" when unknown
 */
public record AlertRow(Alert alert, Status status, Instant silencedUntil, int folded, boolean expanded,
                       String foldedUnder, String delivered) {

    public enum Status {
        FIRING("Firing"), ACKNOWLEDGED("Acknowledged"), SILENCED("Silenced"), INHIBITED("Inhibited"),
        RESOLVED("Resolved");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public AlertRow {
        delivered = delivered == null ? "" : delivered;
    }

    /** A plain row: nothing folded, not silenced, delivery unknown. */
    public AlertRow(Alert alert, Status status) {
        this(alert, status, null, 0, false, null, "");
    }

    public String id() {
        return alert.id();
    }

    public Instant time() {
        return alert.lastSeen() != null ? alert.lastSeen() : alert.windowEnd();
    }

    public Severity severity() {
        return alert.severity();
    }

    public String rule() {
        return alert.rule();
    }

    public String group() {
        return alert.group();
    }

    /** An inhibited alert shown under the alert that inhibits it. */
    public boolean isFoldedChild() {
        return foldedUnder != null;
    }
}

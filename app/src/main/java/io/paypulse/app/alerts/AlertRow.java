package io.paypulse.app.alerts;

import io.paypulse.event.Alert;
import io.paypulse.event.Severity;
import java.time.Instant;

/**
 * One row of the alert feed: an alert bucket plus what the user did with it. {@code status} is the
 * engine's state, overridden by the user's acknowledge or snooze while the alert is firing.
 */
public record AlertRow(Alert alert, Status status) {

    public enum Status {
        FIRING("Firing"), ACKNOWLEDGED("Acknowledged"), SNOOZED("Snoozed"), RESOLVED("Resolved");

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
}

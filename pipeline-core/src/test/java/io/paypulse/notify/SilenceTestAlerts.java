package io.paypulse.notify;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.time.Instant;

/** Firing alerts for silence tests; only rule and group matter to a silence. */
final class SilenceTestAlerts {

    private static final Instant WINDOW = Instant.parse("2026-12-03T10:00:00Z");

    private SilenceTestAlerts() {
    }

    static Alert firing(String rule, String group) {
        return new Alert(Alert.idOf(rule, group, WINDOW), rule, Severity.WARNING, group, WINDOW,
                WINDOW.plusSeconds(60), 30, 25, rule + " fired", AlertState.FIRING, 1, WINDOW, WINDOW.plusSeconds(60));
    }
}

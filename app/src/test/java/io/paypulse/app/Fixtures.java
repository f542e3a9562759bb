package io.paypulse.app;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.event.WindowAggregate;
import java.time.Instant;

/** Small builders for pipeline records used across the app's tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private Fixtures() {
    }

    public static WindowAggregate agg(Instant start, PaymentType type, boolean failed, long count, boolean fin) {
        return new WindowAggregate(start, start.plusSeconds(60), type, failed, count, count * 10_000, fin);
    }

    public static Alert alert(String rule, Severity severity, Instant window, AlertState state, int occurrences) {
        return new Alert(Alert.idOf(rule, "Payment", window), rule, severity, "Payment", window, window.plusSeconds(60),
                62.5, 40, "Payment failure rate 62.5 % is above 40 %", state, occurrences, window.plusSeconds(65),
                window.plusSeconds(65 + 60L * (occurrences - 1)));
    }
}

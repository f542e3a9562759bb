package io.paypulse.notify;

import io.paypulse.event.Alert;
import java.time.Instant;
import java.util.List;

/** The silences known now (from {@code payment-silences}); thread-safe. */
public interface SilenceView {

    /** Silences active at {@code now}, soonest ending first. */
    List<Silence> active(Instant now);

    default boolean silenced(Alert alert, Instant now) {
        return active(now).stream().anyMatch(s -> s.matches(alert, now));
    }

    /** No silences (tests, or no cluster yet). */
    static SilenceView none() {
        return now -> List.of();
    }
}

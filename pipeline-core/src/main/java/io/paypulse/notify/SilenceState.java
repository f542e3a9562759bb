package io.paypulse.notify;

import java.time.Instant;
import java.util.Locale;

/** Where a silence is in its time box at a given instant, as lists show it. */
public enum SilenceState {
    /** Starts later. */
    PENDING,
    /** Covers matching alerts now. */
    ACTIVE,
    /** Expired by itself or was expired early; kept for the record (list --all). */
    ENDED;

    public static SilenceState of(Silence silence, Instant now) {
        if (now.isBefore(silence.startsAt())) {
            return PENDING;
        }
        return now.isBefore(silence.endsAt()) ? ACTIVE : ENDED;
    }

    /** Lower-case word for tables and JSON ("active"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

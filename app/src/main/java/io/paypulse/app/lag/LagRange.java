package io.paypulse.app.lag;

import java.time.Duration;

/** The spans the lag chart shows, ending now. */
public enum LagRange {
    MIN_15("15 min", Duration.ofMinutes(15)),
    HOUR_1("1 h", Duration.ofHours(1)),
    HOURS_6("6 h", Duration.ofHours(6)),
    HOURS_24("24 h", Duration.ofHours(24)),
    DAYS_7("7 d", Duration.ofDays(7));

    private final String label;
    private final Duration span;

    LagRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }
}

package io.paypulse.app.dashboard;

/** The charts' range presets; keys 1–5 pick them in this order. */
public enum TimeRange {
    MINUTES_15(15, "15 min"),
    HOUR_1(60, "1 h"),
    HOURS_6(6 * 60, "6 h"),
    HOURS_24(24 * 60, "24 h"),
    DAYS_7(7 * 24 * 60, "7 days");

    private final int minutes;
    private final String label;

    TimeRange(int minutes, String label) {
        this.minutes = minutes;
        this.label = label;
    }

    public int minutes() {
        return minutes;
    }

    public String label() {
        return label;
    }

    /** The preset exactly this wide, or null. */
    static TimeRange ofSpan(double minutes) {
        for (TimeRange r : values()) {
            if (Math.abs(r.minutes - minutes) < 1e-6) {
                return r;
            }
        }
        return null;
    }
}

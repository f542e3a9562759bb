package io.paypulse.app.dashboard;

/**
 * The charts' x range in epoch minutes (seconds / 60), and whether it follows now. Pure math, no
 * state: every operation returns a new window. Limits: at least {@link #MIN_SPAN} minutes wide, at
 * most {@link #MAX_SPAN}; never past the end of the open minute ({@code end}), never before
 * {@code end - MAX_SPAN} (older minutes are not kept).
 *
 * @param lower first minute shown
 * @param upper end of the range (exclusive)
 * @param live  the range ends at the open minute and moves with it
 */
public record ChartWindow(double lower, double upper, boolean live) {

    public static final double MIN_SPAN = 5;
    public static final double MAX_SPAN = TimeRange.DAYS_7.minutes();

    /** The end of the open minute: where a live range ends. */
    public static double end(double nowMinute) {
        return Math.floor(nowMinute) + 1;
    }

    /** A live range {@code span} minutes wide ending at the open minute. */
    public static ChartWindow live(double span, double nowMinute) {
        double upper = end(nowMinute);
        return new ChartWindow(upper - clampSpan(span), upper, true);
    }

    public double span() {
        return upper - lower;
    }

    /** The same range moved to now, if it follows now; else unchanged. */
    public ChartWindow follow(double nowMinute) {
        return live ? live(span(), nowMinute) : this;
    }

    /**
     * Zoom by {@code factor} (< 1 in, > 1 out). A live range keeps its right edge at now and stays live;
     * a stopped one keeps {@code anchor} (the minute under the mouse) at the same place on screen.
     */
    public ChartWindow zoom(double factor, double anchor, double nowMinute) {
        double span = clampSpan(span() * factor);
        if (live) {
            return live(span, nowMinute);
        }
        double a = Math.max(lower, Math.min(upper, anchor));
        double lo = a - (a - lower) * span / span();
        return clamp(lo, lo + span, nowMinute);
    }

    /** Moves the range by {@code minutes} (negative: back in time). Panning stops following now. */
    public ChartWindow pan(double minutes, double nowMinute) {
        if (minutes == 0) {
            return this;
        }
        return clamp(lower + minutes, upper + minutes, nowMinute);
    }

    private static ChartWindow clamp(double lo, double hi, double nowMinute) {
        double span = hi - lo;
        double end = end(nowMinute);
        if (hi > end) {
            lo -= hi - end;
            hi = end;
        }
        double oldest = end - MAX_SPAN;
        if (lo < oldest) {
            hi += oldest - lo;
            lo = oldest;
        }
        return new ChartWindow(lo, Math.min(hi, lo + span), false);
    }

    private static double clampSpan(double span) {
        return Math.max(MIN_SPAN, Math.min(MAX_SPAN, span));
    }
}

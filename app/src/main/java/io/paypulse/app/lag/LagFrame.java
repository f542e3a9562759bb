package io.paypulse.app.lag;

import io.paypulse.health.LagReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lag panel shows in one update, computed off the FX thread: the latest report (null before
 * the first sample or without a session) and the history of the chosen range, at most
 * {@link #COLUMNS} points (the largest lag of each column: a short spike must stay visible).
 */
public record LagFrame(LagReport report, LagRange range, long fromMs, long toMs, List<LagPoint> points) {

    /** Points drawn across the chart at most; more would be more than its pixels. */
    public static final int COLUMNS = 300;

    public LagFrame {
        points = List.copyOf(points);
    }

    public static LagFrame empty(LagRange range, long nowMs) {
        return new LagFrame(null, range, nowMs - range.span().toMillis(), nowMs, List.of());
    }

    /**
     * Per column of {@code (toMs - fromMs) / columns}: the largest records and the largest age of the
     * known points in it, at the time of its last point. Unknown points (cluster not answering) are
     * left out, so the line bridges them rather than dropping to zero.
     */
    static List<LagPoint> decimate(List<LagPoint> points, long fromMs, long toMs, int columns) {
        double width = Math.max(1.0, (toMs - fromMs) / (double) columns);
        List<LagPoint> out = new ArrayList<>();
        long column = Long.MIN_VALUE;
        LagPoint acc = null;
        for (LagPoint p : points) {
            if (!p.known() || p.atMs() < fromMs) {
                continue;
            }
            long c = (long) ((p.atMs() - fromMs) / width);
            if (acc != null && c != column) {
                out.add(acc);
                acc = null;
            }
            column = c;
            acc = acc == null ? p : new LagPoint(p.atMs(), Math.max(acc.records(), p.records()),
                    Math.max(acc.lagMillis(), p.lagMillis()),
                    p.records() >= acc.records() ? p.partition() : acc.partition());
        }
        if (acc != null) {
            out.add(acc);
        }
        return out;
    }
}

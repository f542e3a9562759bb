package io.paypulse.app.feed;

import io.paypulse.event.Group;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Per-minute totals of the four groups over up to seven days, oldest first, in primitive arrays (one
 * long per value, no object per point): 10,080 minutes take about 500 KB. Immutable once built; the
 * arrays are never handed out.
 */
public final class MinuteSeries {

    public static final MinuteSeries EMPTY = new MinuteSeries(new long[0], new long[4][0], new long[0], new boolean[0]);

    private final long[] minutes;
    private final long[][] counts;
    private final long[] cents;
    private final boolean[] complete;

    /** Takes ownership of the arrays: {@code minutes} ascending, epoch minutes; {@code counts[group][i]}. */
    MinuteSeries(long[] minutes, long[][] counts, long[] cents, boolean[] complete) {
        this.minutes = minutes;
        this.counts = counts;
        this.cents = cents;
        this.complete = complete;
    }

    /** The same points as a list of {@link MinutePoint}s (tests and small snapshots). */
    public static MinuteSeries of(List<MinutePoint> points) {
        int n = points.size();
        long[] m = new long[n];
        long[][] c = new long[4][n];
        long[] a = new long[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            MinutePoint p = points.get(i);
            m[i] = Math.floorDiv(p.start().getEpochSecond(), 60);
            c[0][i] = p.paymentsOk();
            c[1][i] = p.paymentsFailed();
            c[2][i] = p.refundsOk();
            c[3][i] = p.refundsFailed();
            a[i] = p.amountCents();
            done[i] = p.complete();
        }
        return new MinuteSeries(m, c, a, done);
    }

    public int size() {
        return minutes.length;
    }

    /** Epoch minute (seconds / 60) of point {@code i}. */
    public long minute(int i) {
        return minutes[i];
    }

    public Instant start(int i) {
        return Instant.ofEpochSecond(minutes[i] * 60);
    }

    /** @param group {@link Group#index()} */
    public long count(int group, int i) {
        return counts[group][i];
    }

    public long amountCents(int i) {
        return cents[i];
    }

    /** True once every group the minute has was published final. */
    public boolean complete(int i) {
        return complete[i];
    }

    /** Index of the first point at or after {@code minute} (size() when none). */
    public int indexAtOrAfter(long minute) {
        int i = Arrays.binarySearch(minutes, minute);
        return i >= 0 ? i : -i - 1;
    }

    public MinutePoint point(int i) {
        return new MinutePoint(start(i), counts[0][i], counts[1][i], counts[2][i], counts[3][i], cents[i], complete[i]);
    }

    /** Same minutes and values (tests compare a rebuilt history point by point). */
    public boolean sameAs(MinuteSeries o) {
        return Arrays.equals(minutes, o.minutes) && Arrays.deepEquals(counts, o.counts) && Arrays.equals(cents, o.cents);
    }

    @Override
    public String toString() {
        return "MinuteSeries[" + size() + " minutes" + (size() == 0 ? "" : ", " + start(0) + " .. " + start(size() - 1)) + "]";
    }
}

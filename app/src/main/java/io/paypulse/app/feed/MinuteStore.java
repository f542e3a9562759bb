package io.paypulse.app.feed;

import io.paypulse.event.WindowAggregate;
import java.util.Arrays;

/**
 * The last {@link #CAPACITY} minutes of aggregates in a ring of primitive arrays, indexed by epoch
 * minute: upsert by (window, group), O(1), no allocation. Not thread-safe (the owner locks).
 *
 * <p>Who wins: a final value always; a live update replaces a live update; the history backfill
 * ({@link Source#HISTORY}) never replaces what the live feed wrote for the same window and group,
 * since the feed reads the newer records.
 */
final class MinuteStore {

    /** Seven days plus two hours, so a 7-day range that ends at the open minute is always full. */
    static final int CAPACITY = 7 * 24 * 60 + 120;

    enum Source { HISTORY, LIVE }

    private static final byte EMPTY = 0;
    private static final byte FROM_HISTORY = 1;
    private static final byte FROM_LIVE = 2;

    private final int capacity;
    private final long[] stamp; // the epoch minute a slot holds; Long.MIN_VALUE = empty
    private final long[][] counts;
    private final long[][] cents;
    private final byte[][] source;
    private final boolean[][] done;
    private long newest = Long.MIN_VALUE;
    private int size;

    MinuteStore() {
        this(CAPACITY);
    }

    MinuteStore(int capacity) {
        this.capacity = capacity;
        stamp = new long[capacity];
        Arrays.fill(stamp, Long.MIN_VALUE);
        counts = new long[4][capacity];
        cents = new long[4][capacity];
        source = new byte[4][capacity];
        done = new boolean[4][capacity];
    }

    /** @return true when the value changed what the store holds */
    boolean upsert(WindowAggregate a, Source from) {
        long minute = Math.floorDiv(a.start().getEpochSecond(), 60);
        if (newest != Long.MIN_VALUE && minute <= newest - capacity) {
            return false; // older than the ring keeps
        }
        int slot = (int) Math.floorMod(minute, (long) capacity);
        if (stamp[slot] != minute) {
            if (stamp[slot] != Long.MIN_VALUE && stamp[slot] > minute) {
                return false;
            }
            if (stamp[slot] == Long.MIN_VALUE) {
                size++;
            }
            clear(slot);
            stamp[slot] = minute;
        }
        int g = a.group().index();
        boolean fin = done[g][slot];
        if (fin) {
            return false; // the final value of a window is the last word
        }
        if (!a.isFinal() && from == Source.HISTORY && source[g][slot] == FROM_LIVE) {
            return false;
        }
        counts[g][slot] = a.eventCount();
        cents[g][slot] = a.totalAmountCents();
        done[g][slot] = a.isFinal();
        source[g][slot] = from == Source.LIVE ? FROM_LIVE : FROM_HISTORY;
        if (minute > newest) {
            newest = minute;
            evictBefore(minute - capacity + 1);
        }
        return true;
    }

    private void evictBefore(long oldestKept) {
        // Slots are reused by index; a slot whose stamp is older than the ring just reads as empty.
        for (int i = 0; i < capacity && size > 0; i++) {
            if (stamp[i] != Long.MIN_VALUE && stamp[i] < oldestKept) {
                stamp[i] = Long.MIN_VALUE;
                size--;
            }
        }
    }

    private void clear(int slot) {
        for (int g = 0; g < 4; g++) {
            counts[g][slot] = 0;
            cents[g][slot] = 0;
            source[g][slot] = EMPTY;
            done[g][slot] = false;
        }
    }

    /** An immutable copy, oldest minute first. */
    MinuteSeries snapshot() {
        if (size == 0) {
            return MinuteSeries.EMPTY;
        }
        long[] m = new long[size];
        long[][] c = new long[4][size];
        long[] a = new long[size];
        boolean[] complete = new boolean[size];
        int n = 0;
        for (long minute = newest - capacity + 1; minute <= newest && n < size; minute++) {
            int slot = (int) Math.floorMod(minute, (long) capacity);
            if (stamp[slot] != minute) {
                continue;
            }
            m[n] = minute;
            boolean any = false;
            long sum = 0;
            for (int g = 0; g < 4; g++) {
                c[g][n] = counts[g][slot];
                sum += cents[g][slot];
                any |= done[g][slot];
            }
            a[n] = sum;
            complete[n] = any;
            n++;
        }
        return new MinuteSeries(m, c, a, complete);
    }
}

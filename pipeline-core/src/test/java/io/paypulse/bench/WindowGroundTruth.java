package io.paypulse.bench;

import io.paypulse.event.Group;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.WindowAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a producer had acknowledged, per 1-minute window of event time and {@link Group}: count and
 * sum of cents. The independent count the processor's final aggregates must equal exactly.
 * Thread-safe: the producer's I/O thread adds, any thread reads.
 */
final class WindowGroundTruth {

    /** A window (its start, epoch ms) and a group. */
    record Key(long windowStartMillis, Group group) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(windowStartMillis, o.windowStartMillis);
            return c != 0 ? c : Integer.compare(group.index(), o.group.index());
        }

        @Override
        public String toString() {
            return Instant.ofEpochMilli(windowStartMillis) + " " + group.key();
        }
    }

    /** Count and sum of cents. */
    record Totals(long count, long cents) {
    }

    private static final long WINDOW_MILLIS = 60_000;

    private final Map<Key, long[]> totals = new ConcurrentHashMap<>();

    static Key keyOf(Instant eventTime, Group group) {
        long ms = eventTime.toEpochMilli();
        return new Key(ms - Math.floorMod(ms, WINDOW_MILLIS), group);
    }

    static Key keyOf(WindowAggregate a) {
        return new Key(a.start().toEpochMilli(), a.group());
    }

    /** Counts an acknowledged event. */
    void add(Instant eventTime, PaymentMessage m) {
        long[] t = totals.computeIfAbsent(keyOf(eventTime, Group.of(m.type(), m.failed())), k -> new long[2]);
        synchronized (t) {
            t[0]++;
            t[1] += m.amountCents();
        }
    }

    /** Every window × group with at least one event, in time then group order. */
    Map<Key, Totals> expected() {
        Map<Key, Totals> out = new TreeMap<>();
        totals.forEach((k, t) -> {
            synchronized (t) {
                out.put(k, new Totals(t[0], t[1]));
            }
        });
        return out;
    }

    /**
     * The windows of this truth that a watermark at {@code watermark} has closed (end + grace at or
     * before it): those a processor finalizes by event time alone, without waiting for the wall clock.
     */
    WindowGroundTruth closedBy(Instant watermark, Duration grace) {
        WindowGroundTruth out = new WindowGroundTruth();
        totals.forEach((k, t) -> {
            if (k.windowStartMillis() + WINDOW_MILLIS + grace.toMillis() <= watermark.toEpochMilli()) {
                synchronized (t) {
                    out.totals.put(k, new long[] {t[0], t[1]});
                }
            }
        });
        return out;
    }

    long events() {
        return expected().values().stream().mapToLong(Totals::count).sum();
    }

    /** True when {@code k}'s window lies between the first and the last window of this truth. */
    boolean spans(Key k) {
        Map<Key, Totals> expected = expected();
        return !expected.isEmpty()
                && k.windowStartMillis() >= ((TreeMap<Key, Totals>) expected).firstKey().windowStartMillis()
                && k.windowStartMillis() <= ((TreeMap<Key, Totals>) expected).lastKey().windowStartMillis();
    }

    /**
     * Differences between {@code finals} (window × group → the final aggregate seen) and this
     * truth, one sentence each: a window missing, one that should not exist (among those this truth
     * {@link #spans}), or one whose count or sum differs. Empty when they agree exactly.
     */
    List<String> differences(Map<Key, WindowAggregate> finals) {
        List<String> out = new ArrayList<>();
        Map<Key, Totals> expected = expected();
        expected.forEach((k, t) -> {
            WindowAggregate a = finals.get(k);
            if (a == null) {
                out.add("no final aggregate for " + k + " (expected " + t.count() + " events)");
            } else if (a.eventCount() != t.count() || a.totalAmountCents() != t.cents()) {
                out.add("final aggregate for " + k + " has " + a.eventCount() + " events / " + a.totalAmountCents()
                        + " cents, expected " + t.count() + " / " + t.cents());
            }
        });
        new TreeMap<>(finals).forEach((k, a) -> {
            if (!expected.containsKey(k) && spans(k)) {
                out.add("unexpected final aggregate for " + k + " with " + a.eventCount() + " events");
            }
        });
        return out;
    }
}

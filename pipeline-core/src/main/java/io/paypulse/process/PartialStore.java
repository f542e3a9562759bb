package io.paypulse.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The window stage's state: the latest partial per (window, source partition) and per (window,
 * source partition, user), in changelogged stores with binary keys that sort by window first
 * (big-endian start, then partition, then the user's UTF-8 bytes), so one window is one range.
 *
 * <p>"Latest" is the one with the most events: a partition's count of a window (and of a user's
 * failed payments in it) only grows, so keeping the larger makes replays and reordering harmless.
 *
 * <p>After a window closes, what a partition the watermark was not waiting for had contributed is
 * kept as a "closed" entry (a separate key space after every window), so that if that partition
 * comes back, only what it adds is reported late ({@link #closedContribution}); the entries go once
 * the partition's progress passes the window's end + grace.
 */
final class PartialStore {

    private static final byte CLOSED = (byte) 0xff;
    private static final int TOTALS_KEY = 12;

    private final KeyValueStore<Bytes, byte[]> totals;
    private final KeyValueStore<Bytes, byte[]> users;

    PartialStore(KeyValueStore<Bytes, byte[]> totals, KeyValueStore<Bytes, byte[]> users) {
        this.totals = totals;
        this.users = users;
    }

    /** Windows with at least one partial (for a restart). */
    TreeSet<Long> windows() {
        TreeSet<Long> out = new TreeSet<>();
        try (KeyValueIterator<Bytes, byte[]> it = totals.all()) {
            while (it.hasNext()) {
                byte[] key = it.next().key.get();
                if (key.length == TOTALS_KEY) {
                    out.add(ByteBuffer.wrap(key).getLong());
                }
            }
        }
        return out;
    }

    /** Keeps {@code w} as the partial of {@code source} unless one with more events is kept; true if kept. */
    boolean putIfNewer(long start, int source, Partial.WindowCounts w) {
        Bytes key = key(start, source);
        byte[] old = totals.get(key);
        if (old != null && decode(old).total() > w.total()) {
            return false;
        }
        totals.put(key, encode(w));
        return true;
    }

    void putUserIfNewer(long start, int source, String user, long failedPayments) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        Bytes key = Bytes.wrap(ByteBuffer.allocate(12 + name.length).putLong(start).putInt(source).put(name).array());
        byte[] old = users.get(key);
        if (old == null || ByteBuffer.wrap(old).getLong() < failedPayments) {
            users.put(key, ByteBuffer.allocate(8).putLong(failedPayments).array());
        }
    }

    /** The window's totals summed over its partitions' latest partials. */
    WindowTotals totals(long start) {
        WindowTotals sum = new WindowTotals();
        try (KeyValueIterator<Bytes, byte[]> it = totals.range(prefix(start), prefix(start + 1))) {
            while (it.hasNext()) {
                Partial.WindowCounts w = decode(it.next().value);
                for (int g = 0; g < 4; g++) {
                    sum.counts[g] += w.counts()[g];
                    sum.sums[g] += w.sumsCents()[g];
                }
            }
        }
        return sum;
    }

    /** Failed payments per user in the window, summed over partitions. */
    Map<String, Long> userFailures(long start) {
        Map<String, Long> out = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = users.range(prefix(start), prefix(start + 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                out.merge(new String(key, 12, key.length - 12, StandardCharsets.UTF_8), ByteBuffer.wrap(kv.value).getLong(),
                        Long::sum);
            }
        }
        return out;
    }

    /**
     * Deletes the window's partials; keeps as "closed" entries the partials of {@code unheld}
     * partitions (those the watermark was not waiting for: they may still send this window).
     */
    void close(long start, IntPredicate unheld) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = totals.range(prefix(start), prefix(start + 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                keys.add(kv.key);
                int source = ByteBuffer.wrap(kv.key.get()).getInt(8);
                if (unheld.test(source)) {
                    totals.put(closedKey(start, source), kv.value);
                }
            }
        }
        keys.forEach(totals::delete);
        keys.clear();
        try (KeyValueIterator<Bytes, byte[]> it = users.range(prefix(start), prefix(start + 1))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(users::delete);
    }

    /** What {@code source} had contributed to the closed window (zeros when nothing). */
    Partial.WindowCounts closedContribution(long start, int source) {
        byte[] v = totals.get(closedKey(start, source));
        return v == null ? new Partial.WindowCounts(start, new long[4], new long[4]) : decode(v);
    }

    void putClosedContribution(long start, int source, Partial.WindowCounts w) {
        totals.put(closedKey(start, source), encode(w));
    }

    /** Forgets the closed entries of {@code source} for windows whose end + grace is at or before {@code progress}. */
    void forgetClosed(int source, long progress, long windowPlusGraceMs) {
        List<Bytes> gone = new ArrayList<>();
        byte[] from = {CLOSED};
        byte[] to = {CLOSED, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff};
        try (KeyValueIterator<Bytes, byte[]> it = totals.range(Bytes.wrap(from), Bytes.wrap(to))) {
            while (it.hasNext()) {
                ByteBuffer k = ByteBuffer.wrap(it.next().key.get());
                long start = k.getLong(1);
                if (k.getInt(9) == source && start + windowPlusGraceMs <= progress) {
                    gone.add(Bytes.wrap(k.array()));
                }
            }
        }
        gone.forEach(totals::delete);
    }

    private static Bytes key(long start, int source) {
        return Bytes.wrap(ByteBuffer.allocate(TOTALS_KEY).putLong(start).putInt(source).array());
    }

    private static Bytes closedKey(long start, int source) {
        return Bytes.wrap(ByteBuffer.allocate(13).put(CLOSED).putLong(start).putInt(source).array());
    }

    private static Bytes prefix(long start) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(start).array());
    }

    private static byte[] encode(Partial.WindowCounts w) {
        ByteBuffer b = ByteBuffer.allocate(64);
        for (int g = 0; g < 4; g++) {
            b.putLong(w.counts()[g]).putLong(w.sumsCents()[g]);
        }
        return b.array();
    }

    private static Partial.WindowCounts decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        long[] counts = new long[4];
        long[] sums = new long[4];
        for (int g = 0; g < 4; g++) {
            counts[g] = b.getLong();
            sums[g] = b.getLong();
        }
        return new Partial.WindowCounts(-1, counts, sums);
    }
}

package io.paypulse.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What a parse task sends the window stage (value of the {@code window-partials} repartition topic):
 * its raw partition's progress and, for each window changed since its previous partial, that
 * partition's CUMULATIVE totals of the window, plus the cumulative failed-payment counts of the users
 * that changed. Cumulative values make partials idempotent: the window stage keeps the latest per
 * (window, source partition) and sums across partitions, so a partial replayed after a crash or a
 * rebalance cannot count anything twice (see docs/decisions/0010).
 *
 * <p>{@code progress} is the highest event time the partition has shown, or the wall-clock time of
 * its latest idle mark, or {@link #NO_PROGRESS} in all but the last part of a partial that had to be
 * split (the window stage must have every part before it may close a window by the new progress).
 * A partial with no windows is an idle mark (progress only).
 *
 * <p>Binary form (big-endian): format byte, source partition (int), progress (long), window count
 * (int) then per window its start (long) and four (count, sum in cents) pairs, user count (int) then
 * per user the window start (long), failed payments (long), UTF-8 length (short) and bytes.
 */
record Partial(int sourcePartition, long progress, List<WindowCounts> windows, List<UserFailures> users) {

    static final long NO_PROGRESS = Long.MIN_VALUE;
    static final int HEADER_BYTES = 1 + 4 + 8 + 4 + 4;
    static final int WINDOW_BYTES = 8 + 4 * 16;
    private static final byte FORMAT = 1;

    Partial {
        windows = List.copyOf(windows);
        users = List.copyOf(users);
    }

    boolean hasProgress() {
        return progress != NO_PROGRESS;
    }

    /** One partition's cumulative totals of one window; arrays indexed by {@code Group.index()}. */
    record WindowCounts(long start, long[] counts, long[] sumsCents) {

        long total() {
            return counts[0] + counts[1] + counts[2] + counts[3];
        }
    }

    /** One partition's cumulative failed payments of one user in one window. */
    record UserFailures(long windowStart, String user, long failedPayments) {

        static int bytes(String user) {
            return 8 + 8 + 2 + user.length() * 3; // an upper bound: at most 3 UTF-8 bytes per char
        }
    }

    static Serde<Partial> serde() {
        Serializer<Partial> ser = (topic, p) -> {
            int size = HEADER_BYTES + p.windows.size() * WINDOW_BYTES;
            byte[][] names = new byte[p.users.size()][];
            for (int i = 0; i < names.length; i++) {
                names[i] = p.users.get(i).user().getBytes(StandardCharsets.UTF_8);
                size += 18 + names[i].length;
            }
            ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT).putInt(p.sourcePartition).putLong(p.progress)
                    .putInt(p.windows.size());
            for (WindowCounts w : p.windows) {
                b.putLong(w.start);
                for (int g = 0; g < 4; g++) {
                    b.putLong(w.counts[g]).putLong(w.sumsCents[g]);
                }
            }
            b.putInt(names.length);
            for (int i = 0; i < names.length; i++) {
                UserFailures u = p.users.get(i);
                b.putLong(u.windowStart).putLong(u.failedPayments).putShort((short) names[i].length).put(names[i]);
            }
            return b.array();
        };
        Deserializer<Partial> de = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte format = b.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("not a partial of format " + FORMAT + " (format byte " + format + ")");
            }
            int partition = b.getInt();
            long progress = b.getLong();
            WindowCounts[] windows = new WindowCounts[checkedCount(b.getInt(), b, WINDOW_BYTES)];
            for (int i = 0; i < windows.length; i++) {
                long start = b.getLong();
                long[] counts = new long[4];
                long[] sums = new long[4];
                for (int g = 0; g < 4; g++) {
                    counts[g] = b.getLong();
                    sums[g] = b.getLong();
                }
                windows[i] = new WindowCounts(start, counts, sums);
            }
            UserFailures[] users = new UserFailures[checkedCount(b.getInt(), b, 18)];
            for (int i = 0; i < users.length; i++) {
                long start = b.getLong();
                long failed = b.getLong();
                byte[] name = new byte[b.getShort() & 0xffff];
                b.get(name);
                users[i] = new UserFailures(start, new String(name, StandardCharsets.UTF_8), failed);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the end of a partial");
            }
            return new Partial(partition, progress, List.of(windows), List.of(users));
        };
        return Serdes.serdeFrom(ser, de);
    }

    /** A count that the remaining bytes cannot hold is garbage: refuse it before allocating for it. */
    private static int checkedCount(int n, ByteBuffer b, int minBytesEach) {
        if (n < 0 || (long) n * minBytesEach > b.remaining()) {
            throw new IllegalArgumentException("a partial claims " + n + " entries in " + b.remaining() + " bytes");
        }
        return n;
    }
}

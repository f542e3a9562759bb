package io.paypulse.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One raw partition's 1-minute windows as its parse task counts them: per window the four groups'
 * counts and sums (cents) and failed payments per user, plus the partition's progress (highest event
 * time seen, or the wall-clock time of its latest idle mark). Lateness is per partition: an event
 * is late when its window's end + grace is at or before this partition's own progress.
 *
 * <p>Every accepted event updates the stores (changelogged, cached so that the changelog sees about
 * one write per window per commit), so a crash restores exactly what the committed offsets cover.
 * A HashMap mirror serves reads. Each window record also carries the progress at its latest write,
 * so the restored progress is exact without a second write per event. {@link #drain} hands out the
 * changed windows and users (cumulative values) for a {@link Partial}; a window is forgotten once the
 * partition's progress is past its end + grace: nothing from this partition can change it anymore.
 * Not thread-safe: owned by one stream task.
 */
final class PartitionWindows {

    static final long WINDOW_MS = WindowProcessor.WINDOW_MS;
    /** Key of the progress record in the windows store (window keys are 8 bytes). */
    private static final Bytes PROGRESS_KEY = Bytes.wrap(new byte[] {'p'});

    private final KeyValueStore<Bytes, byte[]> windowStore;
    private final KeyValueStore<Bytes, byte[]> userStore;
    private final long graceMs;
    private final Map<Long, Window> windows = new HashMap<>();
    private final List<Window> changed = new ArrayList<>();
    private Window last;
    private long progress = Long.MIN_VALUE;
    private boolean progressChanged;
    /** Earliest end + grace over the windows held: once progress reaches it, some window can be forgotten. */
    private long nextCloseAt = Long.MAX_VALUE;

    /** Loads what the stores hold (after a restart or a rebalance); all of it counts as changed. */
    PartitionWindows(KeyValueStore<Bytes, byte[]> windowStore, KeyValueStore<Bytes, byte[]> userStore, long graceMs) {
        this.windowStore = windowStore;
        this.userStore = userStore;
        this.graceMs = graceMs;
        try (KeyValueIterator<Bytes, byte[]> it = windowStore.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer v = ByteBuffer.wrap(kv.value);
                if (kv.key.equals(PROGRESS_KEY)) {
                    progress = Math.max(progress, v.getLong());
                    continue;
                }
                Window w = window(ByteBuffer.wrap(kv.key.get()).getLong());
                for (int g = 0; g < 4; g++) {
                    w.counts[g] = v.getLong();
                    w.sums[g] = v.getLong();
                }
                progress = Math.max(progress, v.getLong());
            }
        }
        try (KeyValueIterator<Bytes, byte[]> it = userStore.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                long start = ByteBuffer.wrap(key).getLong();
                String user = new String(key, 8, key.length - 8, StandardCharsets.UTF_8);
                window(start).users().put(user, new long[] {ByteBuffer.wrap(kv.value).getLong()});
                windows.get(start).changedUsers().add(user);
            }
        }
        progressChanged = progress != Long.MIN_VALUE;
    }

    long progress() {
        return progress;
    }

    /** Windows held (not yet past end + grace for this partition). */
    int size() {
        return windows.size();
    }

    /** True when {@code eventTimeMs}'s window already ended (+ grace) for this partition. */
    boolean isLate(long eventTimeMs) {
        return windowStart(eventTimeMs) + WINDOW_MS + graceMs <= progress;
    }

    static long windowStart(long timeMs) {
        return timeMs - Math.floorMod(timeMs, WINDOW_MS);
    }

    /**
     * Counts an event that is not late ({@link #isLate}); {@code failedPaymentUser} is set for failed
     * payments only. The event moves progress at most to {@code progressCapMs}: one event dated minutes
     * ahead (allowed up to the parser's future skew) must not make the partition's on-time events late.
     */
    void add(long eventTimeMs, int group, long amountCents, String failedPaymentUser, long progressCapMs) {
        long start = windowStart(eventTimeMs);
        Window w = last != null && last.start == start ? last : window(start);
        last = w;
        w.counts[group]++;
        w.sums[group] += amountCents;
        long reached = Math.min(eventTimeMs, progressCapMs);
        if (reached > progress) {
            progress = reached;
            progressChanged = true;
        }
        windowStore.put(w.key, w.encode(progress));
        markChanged(w);
        if (failedPaymentUser != null) {
            long[] n = w.users().computeIfAbsent(failedPaymentUser, u -> new long[1]);
            n[0]++;
            w.changedUsers().add(failedPaymentUser);
            userStore.put(userKey(start, failedPaymentUser), longBytes(n[0]));
        }
    }

    /** Moves progress to {@code wallMs} (an idle mark); returns true when it moved. */
    boolean advanceTo(long wallMs) {
        if (wallMs <= progress) {
            return false;
        }
        progress = wallMs;
        progressChanged = true;
        return true;
    }

    /** True when progress has passed some window's end + grace: send now, so the window stage can close it. */
    boolean hasClosable() {
        return progress >= nextCloseAt;
    }

    /** True when a partial has something to say (changed windows or users, or progress). */
    boolean hasNews() {
        return progressChanged || !changed.isEmpty();
    }

    /**
     * The partials to send now (several when one would exceed {@code maxBytes}; only the last carries
     * the progress), then forgets the windows past end + grace and saves the progress. Empty when there
     * is no news.
     */
    List<Partial> drain(int partition, int maxBytes) {
        if (!hasNews()) {
            return List.of();
        }
        List<Partial> out = new ArrayList<>(1);
        List<Partial.WindowCounts> ws = new ArrayList<>();
        List<Partial.UserFailures> us = new ArrayList<>();
        int bytes = Partial.HEADER_BYTES;
        for (Window w : changed) {
            w.changed = false;
            if (bytes + Partial.WINDOW_BYTES > maxBytes && !(ws.isEmpty() && us.isEmpty())) {
                out.add(new Partial(partition, Partial.NO_PROGRESS, ws, us));
                ws = new ArrayList<>();
                us = new ArrayList<>();
                bytes = Partial.HEADER_BYTES;
            }
            ws.add(new Partial.WindowCounts(w.start, w.counts.clone(), w.sums.clone()));
            bytes += Partial.WINDOW_BYTES;
            if (w.changedUsers != null) {
                for (String user : w.changedUsers) {
                    int size = Partial.UserFailures.bytes(user);
                    if (bytes + size > maxBytes) {
                        out.add(new Partial(partition, Partial.NO_PROGRESS, ws, us));
                        ws = new ArrayList<>();
                        us = new ArrayList<>();
                        bytes = Partial.HEADER_BYTES;
                    }
                    us.add(new Partial.UserFailures(w.start, user, w.users.get(user)[0]));
                    bytes += size;
                }
                w.changedUsers.clear();
            }
        }
        changed.clear();
        out.add(new Partial(partition, progress, ws, us));
        progressChanged = false;
        forgetClosed();
        windowStore.put(PROGRESS_KEY, longBytes(progress));
        return out;
    }

    private void forgetClosed() {
        if (!hasClosable()) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (w.start + WINDOW_MS + graceMs <= progress) {
                windowStore.delete(w.key);
                if (w.users != null) {
                    for (String user : w.users.keySet()) {
                        userStore.delete(userKey(w.start, user));
                    }
                }
                it.remove();
                if (last == w) {
                    last = null;
                }
            } else {
                next = Math.min(next, w.start + WINDOW_MS + graceMs);
            }
        }
        nextCloseAt = next;
    }

    private Window window(long start) {
        Window w = windows.get(start);
        if (w == null) {
            w = new Window(start);
            windows.put(start, w);
            nextCloseAt = Math.min(nextCloseAt, start + WINDOW_MS + graceMs);
            markChanged(w);
        }
        return w;
    }

    private void markChanged(Window w) {
        if (!w.changed) {
            w.changed = true;
            changed.add(w);
        }
    }

    private static Bytes userKey(long start, String user) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + name.length).putLong(start).put(name).array());
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /** One window of this partition; {@code key} is reused for every write (the store keeps no copy of its own). */
    private static final class Window {
        final long start;
        final Bytes key;
        final long[] counts = new long[4];
        final long[] sums = new long[4];
        Map<String, long[]> users;
        Set<String> changedUsers;
        boolean changed;

        Window(long start) {
            this.start = start;
            this.key = Bytes.wrap(ByteBuffer.allocate(8).putLong(start).array());
        }

        Map<String, long[]> users() {
            if (users == null) {
                users = new HashMap<>();
            }
            return users;
        }

        Set<String> changedUsers() {
            if (changedUsers == null) {
                changedUsers = new HashSet<>();
            }
            return changedUsers;
        }

        byte[] encode(long progress) {
            byte[] out = new byte[72];
            int i = 0;
            for (int g = 0; g < 4; g++) {
                i = putLong(out, i, counts[g]);
                i = putLong(out, i, sums[g]);
            }
            putLong(out, i, progress);
            return out;
        }

        private static int putLong(byte[] b, int i, long v) {
            for (int s = 56; s >= 0; s -= 8) {
                b[i++] = (byte) (v >>> s);
            }
            return i;
        }
    }
}

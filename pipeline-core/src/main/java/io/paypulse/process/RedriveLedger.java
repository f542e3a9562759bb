package io.paypulse.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The re-driven records a parse task has counted (docs/decisions/0014): identity
 * ({@code payment/3/1234}, from the {@code paypulse-redrive-of} header) to the start of the window it
 * was counted in, in a changelogged store, so a second arrival of the same identity is dropped even
 * after a crash or a rebalance (the store and the offsets commit together under exactly-once).
 *
 * <p>An identity is remembered exactly as long as its window is held by {@link PartitionWindows}:
 * until this partition's progress passes the window's end + grace. After that a re-drive of the same
 * record (same value, same event time, same window) is late for this partition and goes to the DLQ
 * instead of being counted, so forgetting it then cannot count it twice. Re-drives always reach the
 * same partition ({@code io.paypulse.dlq.RedriveIdentity#targetPartition}). Not thread-safe: owned by
 * one stream task.
 */
final class RedriveLedger {

    static final String STORE = "redriven-identities";

    private final KeyValueStore<Bytes, byte[]> store;
    private final long graceMs;
    private final Map<String, Long> windowByIdentity = new HashMap<>();
    /** Earliest end + grace of a remembered window: nothing to forget before progress reaches it. */
    private long nextForgetAt = Long.MAX_VALUE;

    /** Loads what the store holds (after a restart or a rebalance). */
    RedriveLedger(KeyValueStore<Bytes, byte[]> store, long graceMs) {
        this.store = store;
        this.graceMs = graceMs;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long start = ByteBuffer.wrap(kv.value).getLong();
                windowByIdentity.put(new String(kv.key.get(), StandardCharsets.UTF_8), start);
                nextForgetAt = Math.min(nextForgetAt, closesAt(start));
            }
        }
    }

    /** True when {@code identity} was counted in a window this partition still holds. */
    boolean counted(String identity) {
        return windowByIdentity.containsKey(identity);
    }

    /** Remembers that {@code identity} was counted, in the window of {@code eventTimeMs}. */
    void remember(String identity, long eventTimeMs) {
        long start = PartitionWindows.windowStart(eventTimeMs);
        windowByIdentity.put(identity, start);
        store.put(key(identity), ByteBuffer.allocate(8).putLong(start).array());
        nextForgetAt = Math.min(nextForgetAt, closesAt(start));
    }

    /** Forgets identities whose window ended (+ grace) at or before {@code progress}; returns how many. */
    int forgetClosed(long progress) {
        if (progress < nextForgetAt) {
            return 0;
        }
        int forgotten = 0;
        long next = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Long>> it = windowByIdentity.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (closesAt(e.getValue()) <= progress) {
                store.delete(key(e.getKey()));
                it.remove();
                forgotten++;
            } else {
                next = Math.min(next, closesAt(e.getValue()));
            }
        }
        nextForgetAt = next;
        return forgotten;
    }

    int size() {
        return windowByIdentity.size();
    }

    private long closesAt(long windowStart) {
        return windowStart + PartitionWindows.WINDOW_MS + graceMs;
    }

    private static Bytes key(String identity) {
        return Bytes.wrap(identity.getBytes(StandardCharsets.UTF_8));
    }
}

package io.paypulse.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-time progress of the window stage, aligned across raw partitions.
 *
 * <p>Each raw partition's progress is the highest event time its parse task has sent, or the
 * wall-clock time of its latest idle mark (sent by the parse task once its partition has had no input
 * for the idle timeout). The watermark is the lowest progress over every partition ever heard from,
 * so a partition catching up on a backlog, or one whose parse task has not run yet after a restart,
 * holds windows open until it has caught up. Every partition of the raw topic is expected from the
 * start (waiting, below any time): on a first start with a backlog, the first partition to report
 * must not close windows the others still feed. Only the parse tasks decide that a partition is idle:
 * the window stage hearing nothing says nothing about whether input is still coming.
 *
 * <p>A partition that sends neither events nor marks for {@code partitionTimeoutMs} (its task is
 * stuck, or the topic lost partitions) stops holding the others; its later events are late. The
 * watermark never goes backwards. Not thread-safe: owned by one stream task.
 */
final class Watermark {

    private static final long UNKNOWN = Long.MIN_VALUE;
    /** Progress of an expected partition not heard from yet: holds the watermark where it is. */
    private static final long WAITING = Long.MIN_VALUE + 1;

    private final long partitionTimeoutMs;
    private long[] progress = new long[0];
    private long[] lastHeardWall = new long[0];
    private long value;
    private int known;

    /**
     * @param partitionTimeoutMs how long a silent partition holds the watermark back
     * @param expected           partitions 0..expected-1 hold the watermark until heard from
     * @param initial            the watermark restored from the state store, or Long.MIN_VALUE
     * @param restored           partitions' progress restored from the state store
     * @param wallNow            now; restored partitions count as heard from now
     */
    Watermark(long partitionTimeoutMs, int expected, long initial, Map<Integer, Long> restored, long wallNow) {
        this.partitionTimeoutMs = partitionTimeoutMs;
        this.value = initial;
        for (int p = 0; p < expected; p++) {
            if (!restored.containsKey(p)) {
                ensureCapacity(p);
                progress[p] = WAITING;
                lastHeardWall[p] = wallNow;
                known++;
            }
        }
        restored.forEach((p, t) -> {
            ensureCapacity(p);
            progress[p] = t;
            lastHeardWall[p] = wallNow;
            known++;
        });
    }

    long value() {
        return value;
    }

    /** Number of partitions that hold the watermark. */
    int partitions() {
        return known;
    }

    /** True when {@code partition} holds the watermark (heard from, or expected, and not dropped as silent). */
    boolean holds(int partition) {
        return partition >= 0 && partition < progress.length && progress[partition] != UNKNOWN;
    }

    /** Progress by partition, for the state store. */
    Map<Integer, Long> progress() {
        Map<Integer, Long> out = new TreeMap<>();
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != UNKNOWN) {
                out.put(p, progress[p]);
            }
        }
        return out;
    }

    /**
     * Records an event time or an idle mark from {@code partition}; returns true when the watermark moved.
     */
    boolean onProgress(int partition, long time, long wallNow) {
        ensureCapacity(partition);
        lastHeardWall[partition] = wallNow;
        long before = progress[partition];
        if (before == UNKNOWN) {
            known++;
        } else if (time <= before) {
            return false;
        }
        progress[partition] = time;
        // Only the partition that held the watermark (or a newcomer) can change the minimum.
        return (before == UNKNOWN || before == WAITING || before <= value) && advanceTo(lowest());
    }

    /**
     * Forgets partitions silent for the partition timeout; returns the ones forgotten.
     * The watermark may move as a result: check {@link #value()}.
     */
    List<Integer> dropSilent(long wallNow) {
        List<Integer> dropped = new ArrayList<>();
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != UNKNOWN && wallNow - lastHeardWall[p] >= partitionTimeoutMs) {
                progress[p] = UNKNOWN;
                known--;
                dropped.add(p);
            }
        }
        if (!dropped.isEmpty()) {
            advanceTo(lowest());
        }
        return dropped;
    }

    /** Partitions not heard from for at least {@code silentMs}, each with how long, in ms. */
    Map<Integer, Long> silentFor(long silentMs, long wallNow) {
        Map<Integer, Long> out = new TreeMap<>();
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != UNKNOWN && wallNow - lastHeardWall[p] >= silentMs) {
                out.put(p, wallNow - lastHeardWall[p]);
            }
        }
        return out;
    }

    private long lowest() {
        long low = Long.MAX_VALUE;
        for (long t : progress) {
            if (t != UNKNOWN) {
                low = Math.min(low, t);
            }
        }
        return low;
    }

    private boolean advanceTo(long time) {
        if (time == Long.MAX_VALUE || time == WAITING || time <= value) {
            return false;
        }
        value = time;
        return true;
    }

    private void ensureCapacity(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition);
        }
        if (partition >= progress.length) {
            int n = Math.max(partition + 1, progress.length * 2);
            int old = progress.length;
            progress = Arrays.copyOf(progress, n);
            lastHeardWall = Arrays.copyOf(lastHeardWall, n);
            Arrays.fill(progress, old, n, UNKNOWN);
        }
    }
}

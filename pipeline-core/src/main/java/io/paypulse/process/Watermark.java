package io.paypulse.process;

import java.util.HashMap;
import java.util.Map;

/**
 * Event-time progress of the window stage, aligned across source partitions.
 *
 * <p>Events from different raw partitions reach the one window task interleaved by whichever parse
 * task ran last, so while catching up on a backlog one partition can be minutes ahead of another.
 * Taking the highest event time seen would close windows the lagging partitions still feed and
 * drop their events as late. Instead the watermark is the lowest of the partitions' highest event
 * times, over partitions heard from within {@code idleMs} of wall-clock time (a partition that went
 * quiet does not hold the rest back). After a (re)start events do not move it for a warm-up, so
 * every active partition has shown up before windows close. It never goes backwards.
 * Not thread-safe: owned by one stream task.
 */
final class Watermark {

    private final long idleMs;
    private final long warmUpMs;
    private final Map<Integer, Long> maxEventTime = new HashMap<>();
    private final Map<Integer, Long> lastHeardWall = new HashMap<>();
    private long value;
    private long warmUpEndsWall = Long.MIN_VALUE;

    /**
     * @param idleMs   a partition silent this long no longer holds the watermark back
     * @param warmUpMs after the first event following a (re)start, how long events do not move it
     * @param initial  the watermark restored from the state store, or Long.MIN_VALUE
     */
    Watermark(long idleMs, long warmUpMs, long initial) {
        this.idleMs = idleMs;
        this.warmUpMs = warmUpMs;
        this.value = initial;
    }

    long value() {
        return value;
    }

    /** Records an event; returns true when the watermark moved. */
    boolean onEvent(int partition, long eventTime, long wallNow) {
        if (warmUpEndsWall == Long.MIN_VALUE) {
            warmUpEndsWall = wallNow + warmUpMs;
        }
        maxEventTime.merge(partition, eventTime, Math::max);
        lastHeardWall.put(partition, wallNow);
        if (wallNow < warmUpEndsWall) {
            return false;
        }
        long low = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> e : maxEventTime.entrySet()) {
            if (wallNow - lastHeardWall.get(e.getKey()) < idleMs) {
                low = Math.min(low, e.getValue());
            }
        }
        return advanceTo(low);
    }

    /** The wall clock moves the watermark once no partition has sent anything for {@code idleMs}. */
    boolean onIdle(long wallNow, long lastEventWall) {
        return wallNow - lastEventWall >= idleMs && advanceTo(wallNow);
    }

    private boolean advanceTo(long time) {
        if (time == Long.MAX_VALUE || time <= value) {
            return false;
        }
        value = time;
        return true;
    }
}

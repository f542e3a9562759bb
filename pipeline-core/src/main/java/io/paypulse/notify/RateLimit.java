package io.paypulse.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code max} messages in any sliding {@code period} (a minute in production). Not
 * thread-safe: one per contact point, used by its own thread.
 */
final class RateLimit {

    private final int max;
    private final Duration period;
    private final Deque<Instant> sent = new ArrayDeque<>();

    RateLimit(int max, Duration period) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.period = period;
    }

    /** Takes a slot if one is free at {@code now}. */
    boolean tryAcquire(Instant now) {
        forget(now);
        if (sent.size() >= max) {
            return false;
        }
        sent.addLast(now);
        return true;
    }

    /** When the next slot opens: {@code now} if one is free. */
    Instant nextSlot(Instant now) {
        forget(now);
        return sent.size() < max ? now : sent.peekFirst().plus(period);
    }

    private void forget(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().plus(period).isAfter(now)) {
            sent.removeFirst();
        }
    }
}

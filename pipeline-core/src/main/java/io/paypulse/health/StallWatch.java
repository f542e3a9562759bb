package io.paypulse.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides from successive {@link GroupProgress} looks whether the processor is stalled: records are
 * waiting (lag above zero) and its committed offsets have not moved for {@code stallTimeout}.
 * "REBALANCING" or "RUNNING" alone says nothing about progress: a restarted member can wait for a
 * dead one's session for a minute and more in either state (issue 10 §2). Thread-safe.
 */
public final class StallWatch {

    private final Clock clock;
    private final Duration stallTimeout;
    private long lastCommitted = -1;
    private Instant lastProgress;

    public StallWatch(Clock clock, Duration stallTimeout) {
        this.clock = clock;
        this.stallTimeout = stallTimeout;
    }

    /** Records one look; returns why the processor counts as stalled, if it does. */
    public synchronized Optional<String> observe(GroupProgress p) {
        Instant now = clock.instant();
        if (lastProgress == null || p.committed() != lastCommitted || p.lag() <= 0) {
            // Moving, or nothing to do: both are progress as far as a reader of the topic can tell.
            lastCommitted = p.committed();
            lastProgress = now;
            return Optional.empty();
        }
        Duration still = Duration.between(lastProgress, now);
        if (still.compareTo(stallTimeout) < 0) {
            return Optional.empty();
        }
        return Optional.of("no progress for " + still.toSeconds() + " s with " + p.lag()
                + " records waiting on the raw topic (stall timeout " + stallTimeout.toSeconds() + " s)");
    }
}

package io.paypulse.notify;

import java.time.Duration;

/**
 * Waits between attempts to deliver one message: {@code initial}, doubling, at most {@code max}
 * (1 s, 2 s, 4 s ... 60 s in production), until {@code giveUpAfter} has passed since the first attempt.
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long ms = initial.toMillis();
        for (int i = 1; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}

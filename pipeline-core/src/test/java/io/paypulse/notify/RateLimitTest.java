package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void allowsMaxMessagesInAnySlidingMinuteThenOpensASlotAMinuteAfterTheOldest() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));

        assertThat(limit.tryAcquire(T0)).isTrue();
        assertThat(limit.tryAcquire(T0.plusSeconds(10))).isTrue();
        assertThat(limit.tryAcquire(T0.plusSeconds(20))).isTrue();
        assertThat(limit.tryAcquire(T0.plusSeconds(30))).isFalse();
        assertThat(limit.nextSlot(T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(60));
        assertThat(limit.tryAcquire(T0.plusSeconds(59))).isFalse();
        assertThat(limit.tryAcquire(T0.plusSeconds(60))).isTrue();
        assertThat(limit.tryAcquire(T0.plusSeconds(61))).isFalse();
        assertThat(limit.nextSlot(T0.plusSeconds(61))).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = Backoff.DEFAULT;
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.delay(40)).isEqualTo(Duration.ofSeconds(60));
    }
}

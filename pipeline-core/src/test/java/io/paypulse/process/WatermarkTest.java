package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkTest {

    private static final long IDLE = 5_000;

    @Test
    void followsTheSlowestActivePartitionSoABacklogDoesNotCloseWindowsEarly() {
        Watermark w = new Watermark(IDLE, 1_000, Long.MIN_VALUE);
        w.onEvent(0, 100_000, 0);
        w.onEvent(1, 10_000, 0); // partition 1 is catching up, 90 s behind
        w.onEvent(0, 160_000, 1_000);
        assertThat(w.value()).isEqualTo(10_000);
        w.onEvent(1, 70_000, 2_000);
        assertThat(w.value()).isEqualTo(70_000);
    }

    @Test
    void aPartitionThatWentQuietStopsHoldingTheOthersBack() {
        Watermark w = new Watermark(IDLE, 0, Long.MIN_VALUE);
        w.onEvent(1, 10_000, 0);
        w.onEvent(0, 20_000, 1_000);
        assertThat(w.value()).isEqualTo(10_000);
        w.onEvent(0, 30_000, 6_000); // partition 1 silent for 6 s
        assertThat(w.value()).isEqualTo(30_000);
    }

    @Test
    void neverGoesBackwards() {
        Watermark w = new Watermark(IDLE, 0, 50_000);
        assertThat(w.onEvent(0, 40_000, 0)).isFalse();
        assertThat(w.value()).isEqualTo(50_000);
    }

    @Test
    void holdsStillDuringTheWarmUpAfterARestart() {
        Watermark w = new Watermark(IDLE, 3_000, 1_000);
        assertThat(w.onEvent(0, 90_000, 10_000)).isFalse();
        assertThat(w.onEvent(0, 91_000, 12_999)).isFalse();
        w.onEvent(1, 20_000, 12_000); // the lagging partition showed up during the warm-up
        assertThat(w.onEvent(0, 92_000, 13_000)).isTrue();
        assertThat(w.value()).isEqualTo(20_000);
    }

    @Test
    void theWallClockTakesOverOnlyWhenEveryPartitionIsIdle() {
        Watermark w = new Watermark(IDLE, 0, Long.MIN_VALUE);
        w.onEvent(0, 10_000, 1_000);
        assertThat(w.onIdle(5_999, 1_000)).isFalse();
        assertThat(w.onIdle(16_000, 12_000)).as("an event 4 s ago").isFalse();
        assertThat(w.onIdle(17_000, 12_000)).isTrue();
        assertThat(w.value()).isEqualTo(17_000);
    }
}

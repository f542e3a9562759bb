package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    private static final long TIMEOUT = 300_000;

    private static Watermark fresh() {
        return new Watermark(TIMEOUT, 2, Long.MIN_VALUE, Map.of(), 0);
    }

    @Test
    void followsTheSlowestPartitionSoABacklogDoesNotCloseWindowsEarly() {
        Watermark w = fresh();
        w.onProgress(0, 100_000, 0);
        w.onProgress(1, 10_000, 0); // partition 1 is catching up, 90 s behind
        w.onProgress(0, 160_000, 1_000);
        assertThat(w.value()).isEqualTo(10_000);
        w.onProgress(1, 70_000, 2_000);
        assertThat(w.value()).isEqualTo(70_000);
    }

    @Test
    void aPartitionHoldsTheOthersBackUntilItsParseTaskReportsItIdleHoweverLongItIsSilent() {
        Watermark w = fresh();
        w.onProgress(1, 10_000, 0);
        w.onProgress(0, 20_000, 1_000);
        w.onProgress(0, 30_000, 120_000); // partition 1 silent for 2 minutes: still waited for
        assertThat(w.value()).isEqualTo(10_000);
        assertThat(w.onProgress(1, 125_000, 125_000)).as("idle mark from partition 1").isTrue();
        assertThat(w.value()).isEqualTo(30_000);
    }

    @Test
    void idleMarksFromEveryPartitionLetTheWallClockCloseWindows() {
        Watermark w = fresh();
        w.onProgress(0, 10_000, 10_000);
        w.onProgress(1, 11_000, 11_000);
        w.onProgress(0, 70_000, 70_000); // marks carry the parse task's wall clock
        assertThat(w.value()).isEqualTo(11_000);
        w.onProgress(1, 70_500, 70_500);
        assertThat(w.value()).isEqualTo(70_000);
    }

    @Test
    void onAFirstStartTheFirstPartitionToReportDoesNotCloseWindowsTheOthersStillFeed() {
        Watermark w = new Watermark(TIMEOUT, 3, Long.MIN_VALUE, Map.of(), 0);
        assertThat(w.onProgress(2, 500_000, 0)).isFalse();
        assertThat(w.onProgress(0, 400_000, 0)).isFalse();
        assertThat(w.onProgress(1, 100_000, 0)).isTrue();
        assertThat(w.value()).isEqualTo(100_000);
    }

    @Test
    void anExpectedPartitionThatNeverReportsIsDroppedAfterThePartitionTimeout() {
        Watermark w = new Watermark(TIMEOUT, 2, Long.MIN_VALUE, Map.of(), 0);
        w.onProgress(0, 100_000, 1_000);
        assertThat(w.value()).isEqualTo(Long.MIN_VALUE);
        assertThat(w.silentFor(30_000, 30_000)).containsOnlyKeys(1);
        assertThat(w.dropSilent(TIMEOUT)).containsExactly(1);
        assertThat(w.value()).isEqualTo(100_000);
    }

    @Test
    void neverGoesBackwards() {
        Watermark w = new Watermark(TIMEOUT, 1, 50_000, Map.of(), 0);
        assertThat(w.onProgress(0, 40_000, 0)).isFalse();
        assertThat(w.value()).isEqualTo(50_000);
        w.onProgress(1, 45_000, 0); // a newcomer behind the watermark
        assertThat(w.value()).isEqualTo(50_000);
        w.onProgress(0, 60_000, 0);
        assertThat(w.value()).as("partition 1 holds it now").isEqualTo(50_000);
        w.onProgress(1, 55_000, 0);
        assertThat(w.value()).isEqualTo(55_000);
    }

    @Test
    void afterARestartRestoredPartitionsHoldTheWatermarkUntilTheyReportAgain() {
        Watermark w = new Watermark(TIMEOUT, 2, 20_000, Map.of(0, 20_000L, 1, 25_000L), 1_000);
        assertThat(w.partitions()).isEqualTo(2);
        w.onProgress(1, 200_000, 2_000); // partition 1 races ahead through its backlog
        assertThat(w.value()).isEqualTo(20_000);
        w.onProgress(0, 90_000, 3_000);
        assertThat(w.value()).isEqualTo(90_000);
        assertThat(w.progress()).containsExactly(Map.entry(0, 90_000L), Map.entry(1, 200_000L));
    }

    @Test
    void aPartitionSilentForThePartitionTimeoutIsDroppedAndNoLongerHoldsTheOthers() {
        Watermark w = new Watermark(TIMEOUT, 1, Long.MIN_VALUE, Map.of(), 0);
        w.onProgress(3, 10_000, 0);
        w.onProgress(0, 50_000, 0);
        assertThat(w.silentFor(30_000, 40_000)).containsOnlyKeys(0, 3);
        w.onProgress(0, 60_000, 200_000);
        assertThat(w.silentFor(30_000, 200_000)).containsOnlyKeys(3);
        assertThat(w.dropSilent(TIMEOUT - 1)).isEmpty();
        assertThat(w.dropSilent(TIMEOUT)).containsExactly(3);
        assertThat(w.value()).isEqualTo(60_000);
        assertThat(w.partitions()).isEqualTo(1);
    }
}

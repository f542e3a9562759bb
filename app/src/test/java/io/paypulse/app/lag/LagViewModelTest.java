package io.paypulse.app.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.MutableClock;
import io.paypulse.health.LagReport;
import io.paypulse.health.PartitionLagRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LagViewModelTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private LagViewModel vm() {
        return new LagViewModel(dir.resolve(LagHistoryStore.FILE), clock, Runnable::run, Runnable::run);
    }

    private LagReport report(long behind, long ageMs) {
        return new LagReport(clock.instant(), "g", "payment", List.of(
                new PartitionLagRow(0, 10, 10, 0, -1, 0),
                new PartitionLagRow(1, 10, 10 + behind, behind, behind == 0 ? -1 : 1, behind == 0 ? 0 : ageMs)),
                true, null);
    }

    @Test
    void keepsOnePointPerStepAndShowsTheLatestRowsAndSentence() {
        try (LagViewModel vm = vm()) {
            vm.setRange(LagRange.MIN_15); // 3-second columns: every stored point is drawn
            for (int s = 0; s < 12; s++) { // a sample every 2 s for 22 s
                vm.show(vm.prepare(report(100 + s, 1_000)));
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(vm.frameProperty().get().points()).as("samples 2 s apart, stored 5 s apart or more")
                    .extracting(LagPoint::atMs).containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + 6_000,
                            T0.toEpochMilli() + 12_000, T0.toEpochMilli() + 18_000);
            assertThat(vm.summaryProperty().get()).isEqualTo("partition 1 behind");
            assertThat(vm.rows()).extracting(PartitionLagRow::records).containsExactly(0L, 111L);

            vm.show(vm.prepare(null)); // the session stopped: history stays, rows go
            assertThat(vm.frameProperty().get().points()).hasSize(4);
            assertThat(vm.rows()).isEmpty();
            assertThat(vm.summaryProperty().get()).isEqualTo("not sampled yet");
        }
    }

    @Test
    void theHistoryIsThereAfterARestartAndARangeShowsOnlyItsSpan() {
        try (LagViewModel vm = vm()) {
            vm.show(vm.prepare(report(500, 9_000)));
            clock.advance(Duration.ofHours(2));
            vm.show(vm.prepare(report(0, 0)));
        }
        try (LagViewModel restarted = vm()) {
            restarted.show(restarted.prepare(null));
            assertThat(restarted.frameProperty().get().points()).as("last hour").extracting(LagPoint::records)
                    .containsExactly(0L);
            restarted.setRange(LagRange.HOURS_6);
            assertThat(restarted.rangeProperty().get()).isEqualTo(LagRange.HOURS_6);
            assertThat(restarted.frameProperty().get().points()).extracting(LagPoint::records)
                    .containsExactly(500L, 0L);
        }
    }

    @Test
    void sevenDaysOfPointsAreCutToAtMostOnePointPerColumnKeepingTheLargest() {
        List<LagPoint> week = new ArrayList<>();
        long from = T0.toEpochMilli();
        long to = from + Duration.ofDays(7).toMillis();
        for (long t = from; t < to; t += 5_000) {
            week.add(new LagPoint(t, 10, 100, 0));
        }
        week.set(50_000, new LagPoint(week.get(50_000).atMs(), 99_999, 600_000, 2)); // one 5-second spike
        week.set(60_000, new LagPoint(week.get(60_000).atMs(), -1, -1, -1)); // cluster not answering

        List<LagPoint> shown = LagFrame.decimate(week, from, to, LagFrame.COLUMNS);
        assertThat(shown).hasSizeLessThanOrEqualTo(LagFrame.COLUMNS);
        assertThat(shown).extracting(LagPoint::records).contains(99_999L).doesNotContain(-1L);
        assertThat(shown).filteredOn(p -> p.records() == 99_999L).singleElement()
                .satisfies(p -> assertThat(p.lagMillis()).isEqualTo(600_000));
    }
}

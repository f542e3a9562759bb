package io.paypulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void ticksFallOnRoundLocalTimesWhateverTheBounds() {
        long base = 29_000_000; // February 2025
        List<Number> t = TimeAxis.ticks(base + 7.3, base + 7.3 + 60, 15, ZoneId.of("UTC"));
        assertThat(t).isNotEmpty().allSatisfy(m -> assertThat(m.longValue() % 15).isZero());
        List<Number> days = TimeAxis.ticks(base, base + 7 * 1440, 1440, PARIS);
        // local midnight in Paris (UTC+1 in winter): minute of day 23:00 UTC
        assertThat(days).hasSizeBetween(6, 8)
                .allSatisfy(m -> assertThat(Instant.ofEpochSecond(m.longValue() * 60).atZone(PARIS).getHour()).isZero());
    }

    @Test
    void theStepLeavesRoomForTheLabels() {
        assertThat(TimeAxis.step(15, 900)).isEqualTo(2);
        assertThat(TimeAxis.step(60, 900)).isEqualTo(10);
        assertThat(TimeAxis.step(7 * 1440, 900)).isEqualTo(1440);
    }
}

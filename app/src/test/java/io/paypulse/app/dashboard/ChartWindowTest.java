package io.paypulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChartWindowTest {

    /** 30 s into minute 1,000,000. */
    private static final double NOW = 1_000_000.5;

    @Test
    void aLiveRangeEndsAfterTheOpenMinute() {
        ChartWindow w = ChartWindow.live(60, NOW);
        assertThat(w.upper()).isEqualTo(1_000_001);
        assertThat(w.lower()).isEqualTo(1_000_001 - 60);
        assertThat(w.live()).isTrue();
        assertThat(w.follow(NOW + 3).upper()).isEqualTo(1_000_004);
    }

    @Test
    void zoomKeepsTheMinuteUnderThePointerInPlace() {
        ChartWindow w = ChartWindow.live(360, NOW).pan(-600, NOW); // stopped, 6 h wide
        double anchor = w.lower() + 0.25 * w.span();
        ChartWindow z = w.zoom(0.5, anchor, NOW);
        assertThat(z.span()).isEqualTo(180);
        assertThat((anchor - z.lower()) / z.span()).isCloseTo(0.25, within(1e-9));
        assertThat(z.live()).isFalse();
    }

    @Test
    void zoomingALiveRangeKeepsItLiveAtNow() {
        ChartWindow z = ChartWindow.live(60, NOW).zoom(4, NOW - 30, NOW);
        assertThat(z.live()).isTrue();
        assertThat(z.upper()).isEqualTo(1_000_001);
        assertThat(z.span()).isEqualTo(240);
    }

    @Test
    void zoomStopsAtFiveMinutesAndAtSevenDays() {
        ChartWindow w = ChartWindow.live(15, NOW);
        assertThat(w.zoom(0.01, NOW, NOW).span()).isEqualTo(ChartWindow.MIN_SPAN);
        assertThat(w.zoom(10_000, NOW, NOW).span()).isEqualTo(7 * 24 * 60);
    }

    @Test
    void panStopsFollowingAndNeverGoesPastNowOrBeforeTheWeekKept() {
        ChartWindow w = ChartWindow.live(60, NOW);
        ChartWindow back = w.pan(-30, NOW);
        assertThat(back.live()).isFalse();
        assertThat(back.upper()).isEqualTo(w.upper() - 30);
        assertThat(back.pan(1_000, NOW).upper()).isEqualTo(ChartWindow.end(NOW));
        ChartWindow oldest = w.pan(-100_000, NOW);
        assertThat(oldest.lower()).isEqualTo(ChartWindow.end(NOW) - 7 * 24 * 60);
        assertThat(oldest.span()).isEqualTo(60);
    }
}

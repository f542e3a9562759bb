package io.paypulse.process.alert;

import static io.paypulse.process.alert.Fixtures.engine;
import static io.paypulse.process.alert.Fixtures.noData;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoDataRuleTest {

    private static final Instant LAST_EVENT = Instant.parse("2026-03-02T10:00:20Z");

    @ParameterizedTest(name = "{0} s of silence -> fires: {1}")
    @CsvSource({"0, false", "44, false", "45, true", "300, true"})
    void firesOnceTheSilenceLastsAfterSeconds(int seconds, boolean fires) {
        AlertEngine engine = engine(noData(45));

        List<Alert> alerts = engine.onWallClock(LAST_EVENT.plusSeconds(seconds), LAST_EVENT);

        assertThat(alerts).hasSize(fires ? 1 : 0);
    }

    @Test
    void theAlertTakesTheWallClockMinuteInWhichItFiredAsWindow() {
        AlertEngine engine = engine(noData(45));
        Instant now = LAST_EVENT.plusSeconds(47);

        Alert alert = engine.onWallClock(now, LAST_EVENT).get(0);

        assertThat(alert.id()).isEqualTo("no-data|all|2026-03-02T10:01:00Z");
        assertThat(alert.group()).isEqualTo("all");
        assertThat(alert.state()).isEqualTo(AlertState.FIRING);
        assertThat(alert.windowStart()).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
        assertThat(alert.windowEnd()).isEqualTo(Instant.parse("2026-03-02T10:02:00Z"));
        assertThat(alert.firstSeen()).isEqualTo(now);
        assertThat(alert.lastSeen()).isEqualTo(now);
        assertThat(alert.value()).isEqualTo(47);
        assertThat(alert.threshold()).isEqualTo(45);
        assertThat(alert.occurrences()).isEqualTo(1);
        assertThat(alert.message()).isEqualTo("No events received for 47 seconds (threshold 45 seconds).");
    }

    @Test
    void withNothingSeenSinceStartTheSilenceCountsFromTheFirstTick() {
        AlertEngine engine = engine(noData(45));
        Instant first = Instant.parse("2026-03-02T10:00:00Z");

        assertThat(engine.onWallClock(first, null)).isEmpty();
        assertThat(engine.onWallClock(first.plusSeconds(44), null)).isEmpty();
        List<Alert> alerts = engine.onWallClock(first.plusSeconds(45), null);

        assertThat(alerts).singleElement().extracting(Alert::message)
                .isEqualTo("No events received in the 45 seconds since the processor started (threshold 45 seconds).");
    }

    @Test
    void keepsFiringAsOneBucketUpdatedOncePerWallClockMinute() {
        AlertEngine engine = engine(noData(45));
        List<Alert> alerts = new ArrayList<>();

        for (int s = 45; s <= 200; s += 5) {
            alerts.addAll(engine.onWallClock(LAST_EVENT.plusSeconds(s), LAST_EVENT));
        }

        // fired at 10:01:05; later minutes begin at 10:02:00 and 10:03:00 (ticks 10:02:00 and 10:03:00)
        assertThat(alerts).extracting(Alert::id).containsOnly("no-data|all|2026-03-02T10:01:00Z");
        assertThat(alerts).extracting(Alert::occurrences).containsExactly(1, 2, 3);
        assertThat(alerts).extracting(Alert::lastSeen).containsExactly(
                Instant.parse("2026-03-02T10:01:05Z"), Instant.parse("2026-03-02T10:02:00Z"),
                Instant.parse("2026-03-02T10:03:00Z"));
        assertThat(alerts.get(2).message()).isEqualTo("No events received for 2 min 40 s (threshold 45 seconds).");
    }

    @Test
    void resolvesOnTheFirstTickThatSawAnEventAfterItFired() {
        AlertEngine engine = engine(noData(45));
        Instant fired = LAST_EVENT.plusSeconds(50);
        engine.onWallClock(fired, LAST_EVENT);

        assertThat(engine.onWallClock(fired.plusSeconds(5), LAST_EVENT)).as("still silent").isEmpty();
        Instant event = fired.plusSeconds(7);
        List<Alert> alerts = engine.onWallClock(fired.plusSeconds(8), event);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.id()).isEqualTo("no-data|all|2026-03-02T10:01:00Z");
            assertThat(a.lastSeen()).isEqualTo(fired.plusSeconds(8));
            assertThat(a.message()).isEqualTo("Events are arriving again; the last one came 1 second ago.");
        });
        assertThat(engine.onWallClock(fired.plusSeconds(9), event)).as("resolved once").isEmpty();
    }

    @Test
    void aNewSilenceIsANewEpisodeWithANewIdEvenInTheSameMinute() {
        AlertEngine engine = engine(noData(10));
        Instant t = Instant.parse("2026-03-02T10:05:00Z");

        Alert first = engine.onWallClock(t.plusSeconds(11), t).get(0);
        assertThat(engine.onWallClock(t.plusSeconds(13), t.plusSeconds(12)).get(0).state())
                .isEqualTo(AlertState.RESOLVED);
        Alert second = engine.onWallClock(t.plusSeconds(23), t.plusSeconds(12)).get(0);

        assertThat(first.windowStart()).isEqualTo(t);
        assertThat(second.state()).isEqualTo(AlertState.FIRING);
        assertThat(second.windowStart()).isEqualTo(t.plusSeconds(60));
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void steadyEventsNeverFire() {
        AlertEngine engine = engine(noData(45));
        Instant t = Instant.parse("2026-03-02T10:00:00Z");

        for (int s = 0; s < 3600; s += 5) {
            assertThat(engine.onWallClock(t.plusSeconds(s), t.plusSeconds(s - 1))).isEmpty();
        }
    }

    @Test
    void finalWindowsDoNotTriggerNoDataRules() {
        AlertEngine engine = engine(noData(1));

        assertThat(engine.onFinalWindow(Fixtures.window(0, 0, 0, 0, 1))).isEmpty();
    }
}

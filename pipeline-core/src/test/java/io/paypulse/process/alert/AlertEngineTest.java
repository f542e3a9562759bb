package io.paypulse.process.alert;

import static io.paypulse.process.alert.Fixtures.cardTesting;
import static io.paypulse.process.alert.Fixtures.end;
import static io.paypulse.process.alert.Fixtures.engine;
import static io.paypulse.process.alert.Fixtures.failedPaymentsByUser;
import static io.paypulse.process.alert.Fixtures.failureRate;
import static io.paypulse.process.alert.Fixtures.paymentCountAnomaly;
import static io.paypulse.process.alert.Fixtures.paymentCountBelow;
import static io.paypulse.process.alert.Fixtures.paymentFailures;
import static io.paypulse.process.alert.Fixtures.start;
import static io.paypulse.process.alert.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.alert.Selector;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.alert.WindowSummary;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.json.Mappers;
import io.paypulse.process.alert.Traffic.Mix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertEngineTest {

    /**
     * Windows with, over time, a gateway outage, a card tester and a pause, so that at the split
     * minute there are firing, pending and historical states of every kind to carry over.
     */
    private static final DoubleFunction<Mix> EVENTFUL = t -> {
        if (t >= 600 && t < 840) {
            return new Mix(100, 0.1, 0.6, 0.1, 0);
        }
        if (t >= 900 && t < 1080) {
            return new Mix(100, 0.1, 0.1, 0.1, 20);
        }
        if (t >= 1140 && t < 1260) {
            return new Mix(0, 0.1, 0.1, 0.1, 0);
        }
        return Mix.normal(100);
    };

    @ParameterizedTest(name = "split at second {0}")
    @ValueSource(ints = {700, 760, 960, 1200, 1230})
    void anEngineRestoredFromJsonStateContinuesIdentically(int splitSecond) throws Exception {
        List<AlertRule> rules = new ArrayList<>(RulesFile.defaults());
        rules.add(new ThresholdRule("slow-failures", Severity.WARNING, "", true, ThresholdRule.Metric.FAILURE_RATE,
                new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), ThresholdRule.Operator.ABOVE, 20, 15, 3, 0));
        List<Step> steps = steps(EVENTFUL, 30);
        AlertEngine original = new AlertEngine(rules, AlertEngineState.empty());
        List<Step> before = steps.stream().filter(s -> s.second < splitSecond).toList();
        List<Step> after = steps.stream().filter(s -> s.second >= splitSecond).toList();
        List<Alert> beforeAlerts = play(original, before);

        String json = Mappers.json().writeValueAsString(original.state());
        AlertEngineState restoredState = Mappers.json().readValue(json, AlertEngineState.class);
        AlertEngine restored = new AlertEngine(rules, restoredState);

        assertThat(beforeAlerts).as("the split happens after something fired").isNotEmpty();
        assertThat(restoredState).isEqualTo(original.state());
        List<Alert> fromOriginal = play(original, after);
        List<Alert> fromRestored = play(restored, after);
        assertThat(fromOriginal).as("something happens after the split").isNotEmpty();
        assertThat(fromRestored).isEqualTo(fromOriginal);
        assertThat(restored.state()).isEqualTo(original.state());
    }

    @Test
    void theStateStaysSmallHoweverLongItRuns() throws Exception {
        AlertEngine engine = new AlertEngine(RulesFile.defaults(), AlertEngineState.empty());
        play(engine, steps(EVENTFUL, 30));
        int afterHalfAnHour = Mappers.json().writeValueAsString(engine.state()).length();

        Traffic traffic = new Traffic(3);
        for (int m = 30; m < 300; m++) {
            engine.onFinalWindow(traffic.window(m, 0, t -> Mix.normal(20)));
        }

        assertThat(engine.state().rules().get("payment-volume-anomaly").history()).hasSize(10);
        assertThat(Mappers.json().writeValueAsString(engine.state()).length())
                .isLessThan(2_000).isLessThanOrEqualTo(afterHalfAnHour + 200);
    }

    @Test
    void theStateSnapshotCannotBeChangedAndDoesNotFollowTheEngine() {
        AlertEngine engine = engine(paymentCountAnomaly(3, 10, 5, 0));
        engine.onFinalWindow(window(0, 100, 0, 0, 0));
        AlertEngineState snapshot = engine.state();

        engine.onFinalWindow(window(1, 100, 0, 0, 0));

        assertThat(snapshot.rules().get("payment-volume").history()).containsExactly(100L);
        assertThatThrownBy(() -> snapshot.rules().get("payment-volume").history().add(1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshot.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aWindowThatIsNotAfterTheLastOneIsIgnored() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));
        engine.onFinalWindow(paymentFailures(5, 1000, 30));
        AlertEngineState before = engine.state();

        assertThat(engine.onFinalWindow(paymentFailures(5, 1000, 30))).as("the same window again").isEmpty();
        assertThat(engine.onFinalWindow(paymentFailures(3, 1000, 30))).as("an older window").isEmpty();
        assertThat(engine.state()).isEqualTo(before);
    }

    @Test
    void minutesMissingBetweenWindowsCountAsWindowsWithoutEvents() {
        AlertEngine engine = engine(paymentCountBelow(100, 100), cardTesting(10));
        engine.onFinalWindow(window(0, 500, 0, 0, 0));
        engine.onFinalWindow(failedPaymentsByUser(1, Map.of("user_a", 12L)));

        // minutes 2, 3 and 4 had no events
        List<Alert> alerts = engine.onFinalWindow(window(5, 500, 0, 0, 0));

        assertThat(alerts).extracting(a -> a.id() + " " + a.state() + " " + a.occurrences() + " " + a.lastSeen())
                .containsExactlyInAnyOrder(
                        // fired at minute 1 (12 failed payments but only 12 payments), kept by 2-4, resolved at 5
                        "few-payments|Payment/any|" + start(1) + " RESOLVED 4 " + end(5),
                        // the user counted 0 in minute 2
                        "card-testing|user_a|" + start(1) + " RESOLVED 1 " + end(2));
    }

    @Test
    void oneCallPublishesAtMostOneUpdatePerBucket() {
        AlertEngine engine = engine(paymentCountBelow(100, 100));
        engine.onFinalWindow(window(0, 500, 0, 0, 0));

        List<Alert> alerts = engine.onFinalWindow(window(10, 50, 0, 0, 0));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.id()).isEqualTo("few-payments|Payment/any|" + start(1));
            assertThat(a.occurrences()).isEqualTo(10);
        });
    }

    @Test
    void aGapShorterThanTheAnomalyHistoryAddsZerosToIt() {
        AlertEngine engine = engine(paymentCountAnomaly(3, 10, 5, 0));
        engine.onFinalWindow(window(0, 100, 0, 0, 0));

        engine.onFinalWindow(window(3, 100, 0, 0, 0));

        assertThat(engine.state().rules().get("payment-volume").history()).containsExactly(100L, 0L, 0L, 100L);
    }

    @Test
    void aGapAsLongAsTheAnomalyHistoryStartsItOver() {
        AlertEngine engine = engine(paymentCountAnomaly(3, 5, 2, 0));
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 100, 0, 0, 0));
        }

        // minutes 5 to 9 had no events; a baseline of zeros would make any traffic anomalous
        List<Alert> alerts = engine.onFinalWindow(window(10, 100, 0, 0, 0));

        assertThat(alerts).isEmpty();
        assertThat(engine.state().rules().get("payment-volume").history()).containsExactly(100L);
    }

    @Test
    void disabledRulesAreNotEvaluated() {
        ThresholdRule disabled = new ThresholdRule("payment-failures", Severity.WARNING, "", false,
                ThresholdRule.Metric.FAILURE_RATE, new Selector(Selector.Type.PAYMENT, Selector.Status.ANY),
                ThresholdRule.Operator.ABOVE, 25, 15, 1, 0);

        AlertEngine engine = engine(disabled);

        assertThat(engine.onFinalWindow(paymentFailures(0, 1000, 90))).isEmpty();
        assertThat(engine.state().rules()).isEmpty();
    }

    @Test
    void rulesWithTheSameNameAreRejected() {
        assertThatThrownBy(() -> engine(failureRate(25, 15, 1, 0), failureRate(40, 20, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment-failures");
    }

    @Test
    void stateOfRulesThatNoLongerExistIsDropped() {
        AlertEngine first = engine(failureRate(25, 15, 1, 0), cardTesting(10));
        first.onFinalWindow(paymentFailures(0, 1000, 30));

        AlertEngine second = new AlertEngine(List.of(cardTesting(10)), first.state());

        assertThat(second.state().rules()).containsOnlyKeys("card-testing");
        assertThat(second.state().lastWindowEnd()).isEqualTo(end(0));
    }

    @Test
    void anEpisodeOfAChangedGroupIsNotCarriedOver() {
        AlertEngine first = engine(failureRate(25, 15, 1, 0));
        first.onFinalWindow(paymentFailures(0, 1000, 30));
        ThresholdRule nowAboutRefunds = new ThresholdRule("payment-failures", Severity.WARNING, "", true,
                ThresholdRule.Metric.FAILURE_RATE, new Selector(Selector.Type.REFUND, Selector.Status.ANY),
                ThresholdRule.Operator.ABOVE, 25, 15, 1, 0);

        AlertEngine second = new AlertEngine(List.of(nowAboutRefunds), first.state());

        assertThat(second.state().rules().get("payment-failures").episodes()).isEmpty();
    }

    // ---- a scripted run: windows as the processor emits them, plus wall-clock ticks ----------------

    private record Step(int second, WindowSummary window, Instant lastEventAt) {
    }

    private static List<Step> steps(DoubleFunction<Mix> mix, int minutes) {
        Traffic traffic = new Traffic(11);
        List<Step> steps = new ArrayList<>();
        List<WindowSummary> pending = new ArrayList<>();
        for (int s = 0; s < minutes * 60; s += 5) {
            if (s % 60 == 0 && s > 0) {
                WindowSummary w = traffic.window(s / 60 - 1, 0, mix);
                if (w.totalCount() > 0) {
                    pending.add(w);
                }
            }
            if (mix.apply(s).rate() > 0) {
                for (WindowSummary w : pending) {
                    steps.add(new Step(s, w, null));
                }
                pending.clear();
            }
            Instant last = null;
            for (double x = s; x >= 0; x -= 0.5) {
                if (mix.apply(x).rate() > 0) {
                    last = Simulation.at(x);
                    break;
                }
            }
            steps.add(new Step(s, null, last));
        }
        return steps;
    }

    private static List<Alert> play(AlertEngine engine, List<Step> steps) {
        List<Alert> out = new ArrayList<>();
        for (Step s : steps) {
            out.addAll(s.window != null
                    ? engine.onFinalWindow(s.window)
                    : engine.onWallClock(Simulation.at(s.second), s.lastEventAt));
        }
        return out;
    }
}

package io.paypulse.process.alert;

import static io.paypulse.process.alert.Fixtures.end;
import static io.paypulse.process.alert.Fixtures.engine;
import static io.paypulse.process.alert.Fixtures.failureRate;
import static io.paypulse.process.alert.Fixtures.paymentCountBelow;
import static io.paypulse.process.alert.Fixtures.paymentFailures;
import static io.paypulse.process.alert.Fixtures.start;
import static io.paypulse.process.alert.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.Selector;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdRuleTest {

    @Test
    void firesInTheFirstWindowAboveTheThreshold() {
        AlertEngine engine = engine(failureRate(40, 20, 1, 0));

        List<Alert> alerts = engine.onFinalWindow(window(0, 383, 617, 50, 50));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("payment-failures|Payment|" + start(0));
            assertThat(a.rule()).isEqualTo("payment-failures");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.group()).isEqualTo("Payment");
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.value()).isEqualTo(61.7);
            assertThat(a.threshold()).isEqualTo(40);
            assertThat(a.message()).isEqualTo("Payment failure rate 61.7% is above 40% for 1 window.");
            assertThat(a.occurrences()).isEqualTo(1);
            assertThat(a.windowStart()).isEqualTo(start(0));
            assertThat(a.windowEnd()).isEqualTo(end(0));
            assertThat(a.firstSeen()).isEqualTo(end(0));
            assertThat(a.lastSeen()).isEqualTo(end(0));
        });
    }

    @Test
    void staysPendingUntilTheConditionHeldForConsecutiveWindows() {
        AlertEngine engine = engine(failureRate(25, 15, 3, 0));

        assertThat(engine.onFinalWindow(paymentFailures(0, 1000, 30))).isEmpty();
        assertThat(engine.onFinalWindow(paymentFailures(1, 1000, 30))).isEmpty();
        List<Alert> third = engine.onFinalWindow(paymentFailures(2, 1000, 30));

        assertThat(third).singleElement().satisfies(a -> {
            assertThat(a.id()).as("the episode began with the first breaching window")
                    .isEqualTo("payment-failures|Payment|" + start(0));
            assertThat(a.occurrences()).isEqualTo(3);
            assertThat(a.firstSeen()).isEqualTo(end(0));
            assertThat(a.lastSeen()).isEqualTo(end(2));
            assertThat(a.message()).isEqualTo("Payment failure rate 30.0% is above 25% for 3 windows.");
        });
    }

    /** Failure percents per window, and what each window publishes: - nothing, F firing, R resolved. */
    @ParameterizedTest(name = "for {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // a run shorter than `for` publishes nothing
        "2 | 30 10 30 10        | - - - -",
        // a window that is not a breach, even one above recovery, restarts the count
        "2 | 30 20 30 30        | - - - F",
        "2 | 30 30 30 10        | - F F R",
        "1 | 30 30 10           | F F R",
        "3 | 30 30 30 30 10     | - - F F R",
    })
    void firesOnlyAfterForConsecutiveBreachingWindows(int forWindows, String percents, String expected) {
        AlertEngine engine = engine(failureRate(25, 15, forWindows, 0));

        assertThat(run(engine, percents)).isEqualTo(expected);
    }

    @Test
    void keepsFiringAsOneBucketWhoseOccurrencesGrow() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));

        List<Alert> alerts = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            alerts.addAll(engine.onFinalWindow(paymentFailures(m, 1000, 30 + m)));
        }

        assertThat(alerts).extracting(Alert::id).containsOnly("payment-failures|Payment|" + start(0));
        assertThat(alerts).extracting(Alert::occurrences).containsExactly(1, 2, 3, 4);
        assertThat(alerts).extracting(Alert::lastSeen).containsExactly(end(0), end(1), end(2), end(3));
        assertThat(alerts).extracting(Alert::firstSeen).containsOnly(end(0));
        assertThat(alerts).extracting(Alert::windowEnd).containsExactly(end(0), end(1), end(2), end(3));
        assertThat(alerts).extracting(Alert::value).containsExactly(30.0, 31.0, 32.0, 33.0);
        assertThat(alerts.get(3).message()).isEqualTo("Payment failure rate 33.0% is above 25% for 4 windows.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // between recovery (15) and threshold (25) a firing alert keeps firing: no flapping
        "30 24 26 24 26 24 | F F F F F F",
        "30 20 16 15 14    | F F F F R",
        // at the threshold itself nothing starts
        "25 25 24          | - - -",
        // below recovery right away
        "30 5              | F R",
    })
    void resolvesOnlyBelowTheRecoveryLevel(String percents, String expected) {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));

        assertThat(run(engine, percents)).isEqualTo(expected);
    }

    @Test
    void hoveringAroundTheThresholdIsOneEpisode() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));

        Set<String> ids = new LinkedHashSet<>();
        int m = 0;
        for (int percent : new int[] {26, 24, 26, 24, 26, 24}) {
            engine.onFinalWindow(paymentFailures(m++, 1000, percent)).forEach(a -> ids.add(a.id()));
        }

        assertThat(ids).hasSize(1);
    }

    @Test
    void publishesTheResolutionUnderTheSameIdWithTheRecoveryLevel() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));
        engine.onFinalWindow(paymentFailures(0, 1000, 30));
        engine.onFinalWindow(paymentFailures(1, 1000, 20));

        List<Alert> resolved = engine.onFinalWindow(paymentFailures(2, 1000, 12));

        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("payment-failures|Payment|" + start(0));
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.value()).isEqualTo(12.0);
            assertThat(a.threshold()).isEqualTo(15);
            assertThat(a.occurrences()).as("windows the episode lasted").isEqualTo(2);
            assertThat(a.firstSeen()).isEqualTo(end(0));
            assertThat(a.lastSeen()).isEqualTo(end(2));
            assertThat(a.windowEnd()).isEqualTo(end(2));
            assertThat(a.message()).isEqualTo("Payment failure rate 12.0% is back below 15% after 2 windows.");
        });
    }

    @Test
    void theWindowBetweenRecoveryAndThresholdSaysItIsNotYetBack() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));
        engine.onFinalWindow(paymentFailures(0, 1000, 30));

        assertThat(engine.onFinalWindow(paymentFailures(1, 1000, 20))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.message()).isEqualTo("Payment failure rate 20.0% is not yet back below 15% after 2 windows.");
        });
    }

    @Test
    void aBreachAfterResolutionStartsANewEpisodeWithANewId() {
        AlertEngine engine = engine(failureRate(25, 15, 1, 0));

        Alert first = engine.onFinalWindow(paymentFailures(0, 1000, 30)).get(0);
        engine.onFinalWindow(paymentFailures(1, 1000, 10));
        Alert second = engine.onFinalWindow(paymentFailures(2, 1000, 30)).get(0);

        assertThat(second.id()).isEqualTo("payment-failures|Payment|" + start(2)).isNotEqualTo(first.id());
        assertThat(second.occurrences()).isEqualTo(1);
        assertThat(second.firstSeen()).isEqualTo(end(2));
    }

    @ParameterizedTest(name = "{0} payments, {1}% failed, min-events {2} -> {3}")
    @CsvSource({
        "49, 100, 50, -",
        "50, 100, 50, F",
        "0,  0,   0,  -",
        "10, 100, 0,  F",
    })
    void skipsWindowsWithFewerEventsThanMinEvents(int payments, int percent, long minEvents, String expected) {
        AlertEngine engine = engine(failureRate(25, 15, 1, minEvents));

        assertThat(Fixtures.states(engine.onFinalWindow(paymentFailures(0, payments, percent))))
                .isEqualTo(expected.equals("-") ? "" : expected);
    }

    @Test
    void aThinWindowNeitherResolvesNorBreaksARun() {
        AlertEngine firing = engine(failureRate(25, 15, 1, 50));
        firing.onFinalWindow(paymentFailures(0, 1000, 30));
        assertThat(firing.onFinalWindow(paymentFailures(1, 10, 0))).as("thin window while firing").isEmpty();
        assertThat(firing.onFinalWindow(paymentFailures(2, 1000, 30))).singleElement()
                .satisfies(a -> assertThat(a.occurrences()).isEqualTo(2));

        AlertEngine pending = engine(failureRate(25, 15, 2, 50));
        pending.onFinalWindow(paymentFailures(0, 1000, 30));
        pending.onFinalWindow(paymentFailures(1, 10, 0));
        assertThat(pending.onFinalWindow(paymentFailures(2, 1000, 30))).singleElement()
                .satisfies(a -> assertThat(a.id()).endsWith(start(0).toString()));
    }

    @Test
    void belowOperatorFiresUnderTheThresholdAndResolvesAboveRecovery() {
        AlertEngine engine = engine(paymentCountBelow(100, 150));

        List<Alert> alerts = Fixtures.feed(engine,
                window(0, 200, 0, 0, 0), window(1, 50, 10, 0, 0), window(2, 120, 0, 0, 0), window(3, 151, 0, 0, 0));

        assertThat(Fixtures.states(alerts)).isEqualTo("FFR");
        assertThat(alerts.get(0).message()).isEqualTo("Payment count 60 is below 100 for 1 window.");
        assertThat(alerts.get(1).message()).isEqualTo("Payment count 120 is not yet back above 150 after 2 windows.");
        assertThat(alerts.get(2).message()).isEqualTo("Payment count 151 is back above 150 after 2 windows.");
    }

    /** Window: 600 ok payments, 100 failed payments, 240 ok refunds, 60 failed refunds ($10.00 each). */
    @ParameterizedTest(name = "{0} {1}/{2} = {3} ({4})")
    @CsvSource(delimiter = '|', value = {
        "COUNT        | ANY     | ANY    | 1000   | all            | Event count 1,000 is above 0 for 1 window.",
        "COUNT        | REFUND  | FAILED | 60     | Refund/failed  | Failed refund count 60 is above 0 for 1 window.",
        "SUM          | PAYMENT | OK     | 6000   | Payment/ok     | Successful payment amount $6,000.00 is above $0.00 for 1 window.",
        "SUM          | ANY     | FAILED | 1600   | any/failed     | Failed event amount $1,600.00 is above $0.00 for 1 window.",
        "FAILURE_RATE | PAYMENT | ANY    | 14.2857142857 | Payment | Payment failure rate 14.3% is above 0% for 1 window.",
        "FAILURE_RATE | REFUND  | ANY    | 20     | Refund         | Refund failure rate 20.0% is above 0% for 1 window.",
        "FAILURE_RATE | ANY     | ANY    | 16     | all            | Event failure rate 16.0% is above 0% for 1 window.",
        "SHARE        | REFUND  | ANY    | 30     | Refund/any     | Refund share 30.0% is above 0% for 1 window.",
        "SHARE        | PAYMENT | FAILED | 10     | Payment/failed | Failed payment share 10.0% is above 0% for 1 window.",
    })
    void measuresEachMetricOverTheSelectedGroups(ThresholdRule.Metric metric, Selector.Type type,
            Selector.Status status, double value, String group, String message) {
        ThresholdRule rule = new ThresholdRule("r", Severity.WARNING, "", true, metric, new Selector(type, status),
                ThresholdRule.Operator.ABOVE, 0, 0, 1, 0);

        List<Alert> alerts = engine(rule).onFinalWindow(window(0, 600, 100, 240, 60));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.value()).isCloseTo(value, Offset.offset(1e-6));
            assertThat(a.group()).isEqualTo(group);
            assertThat(a.message()).isEqualTo(message);
        });
    }

    @Test
    void shareSkipsWindowsWithFewerEventsInTotalThanMinEvents() {
        ThresholdRule rule = new ThresholdRule("refund-spike", Severity.WARNING, "", true, ThresholdRule.Metric.SHARE,
                new Selector(Selector.Type.REFUND, Selector.Status.ANY), ThresholdRule.Operator.ABOVE, 25, 15, 1, 100);
        AlertEngine engine = engine(rule);

        assertThat(engine.onFinalWindow(window(0, 50, 0, 49, 0))).as("99 events").isEmpty();
        assertThat(engine.onFinalWindow(window(1, 50, 0, 50, 0))).as("100 events").hasSize(1);
    }

    private static String run(AlertEngine engine, String percents) {
        List<String> out = new ArrayList<>();
        int m = 0;
        for (String p : percents.trim().split("\\s+")) {
            List<Alert> alerts = engine.onFinalWindow(paymentFailures(m++, 1000, Integer.parseInt(p)));
            assertThat(alerts).hasSizeLessThanOrEqualTo(1);
            out.add(alerts.isEmpty() ? "-" : Fixtures.states(alerts));
        }
        return String.join(" ", out);
    }
}

package io.paypulse.process.alert;

import static io.paypulse.process.alert.Fixtures.engine;
import static io.paypulse.process.alert.Fixtures.paymentCountAnomaly;
import static io.paypulse.process.alert.Fixtures.start;
import static io.paypulse.process.alert.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.AnomalyRule;
import io.paypulse.alert.Selector;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnomalyRuleTest {

    @ParameterizedTest(name = "{0} windows of history -> fires: {1}")
    @CsvSource({"4, false", "5, true"})
    void judgesNothingBeforeMinHistoryWindows(int history, boolean fires) {
        AlertEngine engine = engine(paymentCountAnomaly(3, 10, 5, 0));
        for (int m = 0; m < history; m++) {
            assertThat(engine.onFinalWindow(window(m, 100, 0, 0, 0))).isEmpty();
        }

        List<Alert> alerts = engine.onFinalWindow(window(history, 1000, 0, 0, 0));

        assertThat(alerts).hasSize(fires ? 1 : 0);
    }

    /** History alternates 90/110: mean 100, σ 10. */
    @ParameterizedTest(name = "k {0}, min-band-pct {1}, value {2} -> fires: {3}")
    @CsvSource({
        "3, 0,  129, false",
        "3, 0,  131, true",
        "3, 0,  71,  false",
        "3, 0,  69,  true",
        // min-band-pct widens the band beyond k·σ
        "3, 40, 139, false",
        "3, 40, 141, true",
        "3, 40, 59,  true",
        // and k·σ wins when it is wider
        "5, 40, 149, false",
        "5, 40, 151, true",
    })
    void firesOutsideMeanPlusOrMinusTheWiderOfKSigmaAndMinBandPct(double k, double minBandPct, long value,
            boolean fires) {
        AlertEngine engine = engine(paymentCountAnomaly(k, 10, 10, minBandPct));
        for (int m = 0; m < 10; m++) {
            engine.onFinalWindow(window(m, m % 2 == 0 ? 90 : 110, 0, 0, 0));
        }

        List<Alert> alerts = engine.onFinalWindow(window(10, value, 0, 0, 0));

        assertThat(alerts).hasSize(fires ? 1 : 0);
    }

    @Test
    void comparesTheWindowWithTheHistoryBeforeAddingIt() {
        // with 200 in the history the band would be 117 ± 111 and 200 would be inside it
        AlertEngine engine = engine(paymentCountAnomaly(3, 10, 5, 10));
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 100, 0, 0, 0));
        }

        assertThat(engine.onFinalWindow(window(5, 200, 0, 0, 0))).hasSize(1);
    }

    @Test
    void reportsTheValueTheBandEdgeItCrossedAndTheBand() {
        AlertEngine engine = engine(paymentCountAnomaly(4, 10, 5, 30));
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 5000, 400, 0, 0));
        }

        Alert alert = engine.onFinalWindow(window(5, 8000, 900, 0, 0)).get(0);

        assertThat(alert.id()).isEqualTo("payment-volume|Payment/any|" + start(5));
        assertThat(alert.value()).isEqualTo(8900);
        assertThat(alert.threshold()).isEqualTo(7020);
        assertThat(alert.message()).isEqualTo(
                "Payment count 8,900 is above the expected range 3,780 to 7,020 (5-window mean 5,400) for 1 window.");
    }

    @Test
    void firesBelowTheBandToo() {
        AlertEngine engine = engine(paymentCountAnomaly(4, 10, 5, 30));
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 5400, 0, 0, 0));
        }

        Alert alert = engine.onFinalWindow(window(5, 3000, 0, 0, 0)).get(0);

        assertThat(alert.threshold()).isEqualTo(3780);
        assertThat(alert.message()).startsWith("Payment count 3,000 is below the expected range 3,780 to 7,020");
    }

    @Test
    void keepsFiringAsOneBucketAndResolvesBackInsideTheBand() {
        AlertEngine engine = engine(paymentCountAnomaly(2, 10, 10, 10));
        for (int m = 0; m < 10; m++) {
            engine.onFinalWindow(window(m, 1000, 0, 0, 0));
        }

        List<Alert> alerts = Fixtures.feed(engine,
                window(10, 2000, 0, 0, 0), // outside 1000 ± 100
                window(11, 2000, 0, 0, 0), // outside 1100 ± 2·300
                window(12, 1000, 0, 0, 0)); // inside 1200 ± 2·400

        assertThat(Fixtures.states(alerts)).isEqualTo("FFR");
        assertThat(alerts).extracting(Alert::id).containsOnly("payment-volume|Payment/any|" + start(10));
        assertThat(alerts).extracting(Alert::occurrences).containsExactly(1, 2, 2);
        assertThat(alerts.get(2).message()).startsWith("Payment count 1,000 is back within the expected range");
        assertThat(alerts.get(2).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void staysPendingForForWindowsAndANewEpisodeGetsANewId() {
        AnomalyRule rule = new AnomalyRule("payment-volume", Severity.WARNING, "", true, ThresholdRule.Metric.COUNT,
                new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), 1, 5, 5, 10, 2);
        AlertEngine engine = engine(rule);
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 1000, 0, 0, 0));
        }

        List<String> out = new ArrayList<>();
        long[] values = {1600, 1600, 1000, 1000, 1000, 1000, 1000, 3000, 3000};
        for (int i = 0; i < values.length; i++) {
            List<Alert> alerts = engine.onFinalWindow(window(5 + i, values[i], 0, 0, 0));
            out.add(alerts.isEmpty() ? "-" : alerts.get(0).state().name().charAt(0) + "@" + alerts.get(0).windowStart());
        }

        assertThat(out).containsExactly("-", "F@" + start(5), "R@" + start(5), "-", "-", "-", "-", "-",
                "F@" + start(12));
    }

    @Test
    void sumsAreComparedInDollars() {
        AnomalyRule rule = new AnomalyRule("refund-amount", Severity.WARNING, "", true, ThresholdRule.Metric.SUM,
                new Selector(Selector.Type.REFUND, Selector.Status.ANY), 3, 5, 5, 20, 1);
        AlertEngine engine = engine(rule);
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 0, 0, 100, 0)); // $1,000.00 of refunds
        }

        Alert alert = engine.onFinalWindow(window(5, 0, 0, 130, 0)).get(0);

        assertThat(alert.value()).isEqualTo(1300.0);
        assertThat(alert.threshold()).isEqualTo(1200.0);
        assertThat(alert.group()).isEqualTo("Refund/any");
        assertThat(alert.message()).isEqualTo(
                "Refund amount $1,300.00 is above the expected range $800.00 to $1,200.00 (5-window mean $1,000.00) for 1 window.");
    }

    @Test
    void keepsOnlyTheLastWindowsInItsHistoryAndAdaptsToANewLevel() {
        AlertEngine engine = engine(paymentCountAnomaly(3, 5, 5, 10));
        for (int m = 0; m < 5; m++) {
            engine.onFinalWindow(window(m, 1000, 0, 0, 0));
        }

        List<Alert> alerts = new ArrayList<>();
        for (int m = 5; m < 20; m++) {
            alerts.addAll(engine.onFinalWindow(window(m, 3000, 0, 0, 0)));
        }

        assertThat(Fixtures.states(alerts)).as("fires at the jump, resolves as the new level fills the band")
                .isEqualTo("FR");
        assertThat(engine.state().rules().get("payment-volume").history()).containsExactly(3000L, 3000L, 3000L,
                3000L, 3000L);
    }
}

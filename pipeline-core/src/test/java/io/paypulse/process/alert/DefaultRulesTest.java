package io.paypulse.process.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.RulesFile;
import io.paypulse.event.AlertState;
import io.paypulse.process.alert.Simulation.Published;
import io.paypulse.process.alert.Traffic.Mix;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped rules against a model of the generator ({@link Traffic}): quiet on the normal mix,
 * and each scenario fires its alert within 2 windows and resolves it within 3 windows after it ends.
 * The scenario shapes are this test's assumptions about the generator; the end-to-end test with the
 * real generator is the judge.
 */
class DefaultRulesTest {

    private static final int SCENARIO_START = 12 * 60 + 30;
    private static final int SCENARIO_END = 17 * 60 + 30;

    @ParameterizedTest(name = "{0} events/s, seed {1}")
    @CsvSource({"20, 1", "100, 1", "100, 2", "1000, 1", "1000, 2"})
    void theNormalMixFiresNothingForThirtyMinutes(double rate, long seed) {
        AlertEngine engine = new AlertEngine(RulesFile.defaults(), AlertEngineState.empty());

        // the generator starts 37 s into a minute, so the first window is partial
        List<Published> published = Simulation.run(engine, seed, 37, 32, t -> Mix.normal(rate));

        assertThat(published).isEmpty();
        assertThat(engine.state().lastWindowEnd()).isEqualTo(Fixtures.end(30));
    }

    @ParameterizedTest(name = "{0} at {1} events/s")
    @CsvSource(delimiter = '|', value = {
        "gateway-outage  | 100  | payment-failure-rate payment-failure-rate-critical",
        "gateway-outage  | 1000 | payment-failure-rate payment-failure-rate-critical",
        "refund-spike    | 100  | refund-spike",
        "refund-spike    | 1000 | refund-spike",
        "refund-failures | 100  | refund-failure-rate",
        "refund-failures | 1000 | refund-failure-rate",
        "card-testing    | 100  | card-testing",
        "card-testing    | 1000 | card-testing",
        "traffic-surge   | 100  | payment-volume-anomaly",
        "traffic-surge   | 1000 | payment-volume-anomaly",
        "traffic-drop    | 100  | payment-volume-anomaly",
        "traffic-drop    | 1000 | payment-volume-anomaly",
    })
    void eachScenarioFiresOnlyItsAlertsWithinTwoWindowsAndResolvesWithinThreeAfterItEnds(String scenario,
            double rate, String expectedRules) {
        AlertEngine engine = new AlertEngine(RulesFile.defaults(), AlertEngineState.empty());
        Set<String> expected = Set.of(expectedRules.split(" "));

        List<Published> published = Simulation.run(engine, 7, 0, 30, during(scenario, rate));

        assertThat(published).extracting(p -> p.alert().rule()).containsOnlyElementsOf(expected);
        for (String rule : expected) {
            List<Published> ofRule = published.stream().filter(p -> p.alert().rule().equals(rule)).toList();
            assertThat(ofRule).as(rule + " fires").isNotEmpty();
            // the scenario starts in window 12: window 13 is the second window it touches
            assertThat(ofRule.get(0).alert().windowEnd()).as(rule + " fires by the second window")
                    .isBeforeOrEqualTo(Fixtures.end(13));
            Published last = ofRule.get(ofRule.size() - 1);
            assertThat(last.alert().state()).as(rule + " resolves").isEqualTo(AlertState.RESOLVED);
            // the scenario ends in window 17: windows 17, 18 and 19 are the three after it
            assertThat(last.alert().windowEnd()).as(rule + " resolves within 3 windows")
                    .isBeforeOrEqualTo(Fixtures.end(19));
            assertThat(ofRule.stream().map(p -> p.alert().id()).collect(Collectors.toSet()))
                    .as(rule + " is one alert per episode, not one per window").hasSizeLessThanOrEqualTo(
                            rule.equals("payment-volume-anomaly") ? 2 : 1);
        }
    }

    @ParameterizedTest(name = "{0} events/s")
    @CsvSource({"100", "1000"})
    void stoppedTrafficFiresNoDataWithinAMinuteAndResolvesWhenEventsReturn(double rate) {
        AlertEngine engine = new AlertEngine(RulesFile.defaults(), AlertEngineState.empty());

        List<Published> published = Simulation.run(engine, 7, 0, 30,
                t -> t >= SCENARIO_START && t < SCENARIO_END ? new Mix(0, 0.1, 0.1, 0.1, 0) : Mix.normal(rate));

        List<Published> noData = published.stream().filter(p -> p.alert().rule().equals("no-data")).toList();
        assertThat(noData).isNotEmpty();
        assertThat(noData.get(0).second()).isBetween(SCENARIO_START + 45.0, SCENARIO_START + 50.0);
        assertThat(noData).extracting(p -> p.alert().id()).containsOnly(noData.get(0).alert().id());
        Published last = noData.get(noData.size() - 1);
        assertThat(last.alert().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(last.second()).isBetween((double) SCENARIO_END, SCENARIO_END + 5.0);
        // stopping the traffic also makes the payment count of the cut windows anomalous; nothing else fires
        assertThat(published).extracting(p -> p.alert().rule())
                .containsOnlyElementsOf(Set.of("no-data", "payment-volume-anomaly"));
    }

    private static DoubleFunction<Mix> during(String scenario, double rate) {
        Mix normal = Mix.normal(rate);
        Mix changed = switch (scenario) {
            case "gateway-outage" -> new Mix(rate, 0.1, 0.6, 0.1, 0);
            case "refund-spike" -> new Mix(rate, 0.4, 0.1, 0.1, 0);
            case "refund-failures" -> new Mix(rate, 0.1, 0.1, 0.6, 0);
            case "card-testing" -> new Mix(rate, 0.1, 0.1, 0.1, 30);
            case "traffic-surge" -> new Mix(rate * 2, 0.1, 0.1, 0.1, 0);
            case "traffic-drop" -> new Mix(rate * 0.4, 0.1, 0.1, 0.1, 0);
            default -> throw new IllegalArgumentException(scenario);
        };
        return t -> t >= SCENARIO_START && t < SCENARIO_END ? changed : normal;
    }
}

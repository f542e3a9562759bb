package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.RulesFile;
import io.paypulse.config.Scenario;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped rules against the real generator through the real topology: silence at the normal
 * mix, and each scenario fires its own alert within 2 windows and resolves within 3 windows after
 * the scenario ends.
 */
class DefaultRulesScenarioTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private static TopologyHarness harness() {
        return new TopologyHarness(Duration.ofSeconds(5), RulesFile.defaults(), START);
    }

    @ParameterizedTest(name = "{0} events/s for {1} minutes")
    @CsvSource({"100, 30", "1000, 5", "20, 30"})
    void theNormalMixFiresNoAlert(double rate, int minutes) {
        try (TopologyHarness h = harness()) {
            Simulation sim = new Simulation(h, START, rate).run(Scenario.NORMAL, Duration.ofMinutes(minutes));
            assertThat(sim.alerts()).isEmpty();
            assertThat(h.stats.finalWindowCount()).isGreaterThanOrEqualTo(minutes - 1);
        }
    }

    @ParameterizedTest(name = "{0} fires {1}")
    @CsvSource({
        "gateway-outage, payment-failure-rate-critical, 100",
        "gateway-outage, payment-failure-rate, 100",
        "refund-spike, refund-spike, 100",
        "card-testing, card-testing, 100",
        "quiet, no-data, 100",
        "card-testing, card-testing, 1000"
    })
    void eachScenarioFiresItsAlertWithinTwoWindowsAndResolvesWithinThreeAfterItEnds(String scenario, String rule,
            double rate) {
        try (TopologyHarness h = harness()) {
            Simulation sim = new Simulation(h, START, rate).run(Scenario.NORMAL, Duration.ofMinutes(6));
            assertThat(sim.alerts()).as("no alert before the scenario").isEmpty();
            Instant scenarioStart = sim.now();
            sim.run(Scenario.parse(scenario), Duration.ofMinutes(4));
            Instant scenarioEnd = sim.now();
            sim.run(Scenario.NORMAL, Duration.ofMinutes(4));

            List<Alert> mine = sim.alerts().stream().filter(a -> a.rule().equals(rule)).toList();
            assertThat(mine).as("alerts of %s", rule).isNotEmpty();
            Alert first = mine.get(0);
            assertThat(first.state()).isEqualTo(AlertState.FIRING);
            assertThat(first.firstSeen()).as("fired within 2 windows of the scenario start")
                    .isBeforeOrEqualTo(scenarioStart.plus(Duration.ofMinutes(2)));
            Alert last = mine.get(mine.size() - 1);
            assertThat(last.state()).as("resolved at the end").isEqualTo(AlertState.RESOLVED);
            assertThat(last.id()).isEqualTo(first.id());
            assertThat(last.lastSeen()).as("resolved within 3 windows after the scenario ended")
                    .isBeforeOrEqualTo(scenarioEnd.plus(Duration.ofMinutes(3)));
        }
    }
}

package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A setting's one definition serves text (file, environment, --set, flags) and typed callers alike. */
class SettingTest {

    @Test
    void textAndTypedValuesMeetTheSameRangeInTheSameSentence() {
        assertThat(GeneratorSettings.RATE.read(Map.of(ConfigKeys.RATE, " 250.5 "))).isEqualTo(250.5);
        assertThat(GeneratorSettings.RATE.read(Map.of(ConfigKeys.RATE, " "))).isEqualTo(100.0);
        assertThat(GeneratorSettings.RATE.read(Map.of(ConfigKeys.RATE, "-0"))).isEqualTo(0.0);
        assertThatThrownBy(() -> GeneratorSettings.RATE.read(Map.of(ConfigKeys.RATE, "10000001")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '10000001' for generator.rate: allowed: a number from 0 to 10000000.");
        assertThatThrownBy(() -> GeneratorSettings.defaults().with(s -> s.rate = 10_000_001))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '10000001' for generator.rate: allowed: a number from 0 to 10000000.");
        assertThatThrownBy(() -> GeneratorSettings.defaults().withRate(Double.NaN))
                .isInstanceOf(ConfigException.class).hasMessageContaining("for generator.rate");
        assertThatThrownBy(() -> GeneratorSettings.defaults().with(s -> {
            s.rate = 1;
            s.events = -5;
        }))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '-5' for generator.events: allowed: a whole number from 0 to "
                        + Long.MAX_VALUE + ".");
        assertThat(GeneratorSettings.defaults().withRate(0).rate()).isZero();
    }

    @Test
    void aScenarioIsCheckedWhereverTheGeneratorSettingsAreBuiltAndKeptAsGiven() {
        assertThatThrownBy(() -> GeneratorSettings.defaults().with(s -> {
            s.rate = 1;
            s.scenario = "meltdown";
        }))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'meltdown' for generator.scenario: allowed: normal, gateway-outage, "
                        + "refund-spike, card-testing, quiet.");
        assertThatThrownBy(() -> GeneratorSettings.from(Map.of(ConfigKeys.SCENARIO, " ")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid value '' for generator.scenario");
        GeneratorSettings quiet = GeneratorSettings.from(Map.of(ConfigKeys.SCENARIO, " Quiet "));
        assertThat(quiet.startScenario()).isEqualTo(Scenario.QUIET);
        assertThat(quiet.scenario()).isEqualTo("Quiet"); // --show-config shows it as given, trimmed
    }

    @Test
    void durationsIntegersAndSwitchesReadAndShowBack() {
        Setting<Duration> grace = ProcessorSettings.GRACE;
        assertThat(grace.read(Map.of(ConfigKeys.GRACE, "90"))).isEqualTo(Duration.ofSeconds(90));
        assertThat(grace.show(grace.read(Map.of(ConfigKeys.GRACE, "120s")))).isEqualTo("2m");
        assertThat(ProcessorSettings.COMMIT_INTERVAL.show(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThatThrownBy(() -> grace.read(Map.of(ConfigKeys.GRACE, "99999999999999999999s")))
                .hasMessage("Invalid value '99999999999999999999s' for processor.grace: allowed: a duration such as "
                        + "500ms, 5s, 2m from 0ms to 60m.");
        assertThat(ProcessorSettings.THREADS.read(Map.of(ConfigKeys.THREADS, "1_0"))).isEqualTo(10);
        assertThatThrownBy(() -> ProcessorSettings.THREADS.read(Map.of(ConfigKeys.THREADS, "99999999999")))
                .hasMessage("Invalid value '99999999999' for processor.threads: allowed: a whole number from 1 to 64.");
        assertThat(ProcessorSettings.SINKS.read(Map.of(ConfigKeys.SINKS, "Off"))).isFalse();
        assertThat(ProcessorSettings.PARSED_TOPIC.read(Map.of())).isFalse();
        assertThat(GeneratorSettings.RATE.max()).isEqualTo(10_000_000.0);
    }
}

package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {

    @ParameterizedTest
    @CsvSource({
        "normal, NORMAL",
        "gateway-outage, GATEWAY_OUTAGE",
        "refund-spike, REFUND_SPIKE",
        "card-testing, CARD_TESTING",
        "quiet, QUIET",
        "' Gateway-Outage ', GATEWAY_OUTAGE"})
    void parsesKebabCaseNames(String name, Scenario expected) {
        assertThat(Scenario.parse(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void configNameReadsBack(Scenario s) {
        assertThat(Scenario.parse(s.configName())).isEqualTo(s);
        assertThat(s.toString()).isEqualTo(s.configName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GATEWAY_OUTAGE", "outage", "card testing"})
    @NullSource
    void rejectsUnknownNamesNamingTheKeyTheValueAndTheAllowedNames(String name) {
        assertThatThrownBy(() -> Scenario.parse(name))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '" + name + "' for generator.scenario: allowed: normal, "
                        + "gateway-outage, refund-spike, card-testing, quiet.");
    }
}

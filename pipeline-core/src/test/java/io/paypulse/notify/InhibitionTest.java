package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InhibitionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final List<AlertRule> RULES = RulesFile.defaults();
    private final Inhibition inhibition = Inhibition.of(RULES);

    private static Alert alert(String rule, Severity severity, String group, int startMinute, int endMinute,
            AlertState state) {
        Instant start = T0.plusSeconds(60L * startMinute);
        Instant end = T0.plusSeconds(60L * endMinute);
        return new Alert(Alert.idOf(rule, group, start), rule, severity, group, start, end, 60, 40, "", state, 1,
                end, end);
    }

    private static Alert warning(int start, int end) {
        return alert("payment-failure-rate", Severity.WARNING, "Payment", start, end, AlertState.FIRING);
    }

    private static Alert critical(int start, int end, AlertState state) {
        return alert("payment-failure-rate-critical", Severity.CRITICAL, "Payment", start, end, state);
    }

    @Test
    void aFiringCriticalOfTheSameFamilyGroupAndWindowInhibitsTheWarning() {
        Alert warning = warning(0, 1);
        Alert critical = critical(0, 1, AlertState.FIRING);

        assertThat(inhibition.inhibitedBy(warning, List.of(warning, critical))).contains(critical);
        assertThat(inhibition.canBeInhibited(warning)).isTrue();
    }

    @Test
    void aCriticalThatFiredInALaterWindowOfTheSameEpisodeStillOverlaps() {
        // The WARNING's episode runs 10:00-10:03; the CRITICAL started at 10:02.
        assertThat(inhibition.inhibitedBy(warning(0, 3), List.of(critical(2, 3, AlertState.FIRING)))).isPresent();
    }

    @Test
    void nothingInhibitsTheWarningWhenTheCriticalIsResolvedElsewhereOrOfAnotherGroupOrFamily() {
        Alert warning = warning(0, 1);

        assertThat(inhibition.inhibitedBy(warning, List.of(critical(0, 1, AlertState.RESOLVED)))).isEmpty();
        assertThat(inhibition.inhibitedBy(warning, List.of(critical(1, 2, AlertState.FIRING)))).isEmpty();
        assertThat(inhibition.inhibitedBy(warning, List.of(alert("payment-failure-rate-critical",
                Severity.CRITICAL, "Refund", 0, 1, AlertState.FIRING)))).isEmpty();
        // card-testing is CRITICAL but measures something else.
        assertThat(inhibition.inhibitedBy(warning, List.of(alert("card-testing", Severity.CRITICAL, "Payment", 0, 1,
                AlertState.FIRING)))).isEmpty();
    }

    @Test
    void aCriticalIsNeverInhibitedAndARuleWithoutCriticalSiblingCannotBe() {
        Alert critical = critical(0, 1, AlertState.FIRING);
        assertThat(inhibition.inhibitedBy(critical, List.of(critical, warning(0, 1)))).isEmpty();

        Alert refunds = alert("refund-failure-rate", Severity.WARNING, "Refund", 0, 1, AlertState.FIRING);
        assertThat(inhibition.canBeInhibited(refunds)).isFalse();
        assertThat(inhibition.canBeInhibited(alert("payment-volume-anomaly", Severity.WARNING, "Payment/any", 0, 1,
                AlertState.FIRING))).isFalse();
    }
}

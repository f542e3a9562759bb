package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.AlertTriage.Verdict;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTriageTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(600);
    private static final List<AlertRule> RULES = RulesFile.defaults();

    private final List<Silence> silences = new ArrayList<>();
    private final ContactPoint hook = new ContactPoint("hook", ContactPoint.Kind.WEBHOOK,
            URI.create("http://127.0.0.1:9/h"), Map.of(), 10, true);

    private AlertTriage triage(ContactPoint cp, Notifications notifications) {
        return new AlertTriage(cp, notifications, Inhibition.of(RULES), now -> List.copyOf(silences),
                new NoticeText(RULES));
    }

    private AlertTriage triage() {
        return triage(hook, new Notifications(List.of(hook), List.of(new Route(Set.of(), Set.of(), List.of("hook")))));
    }

    static Alert alert(String rule, Severity severity, String group, AlertState state, int occurrences) {
        return new Alert(Alert.idOf(rule, group, T0), rule, severity, group, T0, T0.plusSeconds(60L * occurrences), 50,
                40, "", state, occurrences, T0.plusSeconds(60), T0.plusSeconds(60L * occurrences));
    }

    private static Alert critical(AlertState state, int occurrences) {
        return alert("payment-failure-rate-critical", Severity.CRITICAL, "Payment", state, occurrences);
    }

    private static Alert warning(AlertState state, int occurrences) {
        return alert("payment-failure-rate", Severity.WARNING, "Payment", state, occurrences);
    }

    private static Verdict decide(AlertTriage triage, Alert alert) {
        triage.observe(alert);
        return triage.decide(alert, NOW).verdict();
    }

    @Test
    void theFirstFiringUpdateAndTheResolvedOneAreSentRepublishesAreNot() {
        AlertTriage triage = triage();

        assertThat(decide(triage, critical(AlertState.FIRING, 1))).isEqualTo(Verdict.SEND);
        triage.outcome(critical(AlertState.FIRING, 1), DeliveryReceipt.Outcome.DELIVERED);
        assertThat(decide(triage, critical(AlertState.FIRING, 2))).isEqualTo(Verdict.SKIP);
        assertThat(decide(triage, critical(AlertState.FIRING, 3))).isEqualTo(Verdict.SKIP);
        assertThat(decide(triage, critical(AlertState.RESOLVED, 4))).isEqualTo(Verdict.SEND);
    }

    @Test
    void aContactPointThatDoesNotWantResolvedMessagesDoesNotGetThem() {
        ContactPoint quiet = new ContactPoint("quiet", ContactPoint.Kind.DESKTOP, null, Map.of(), 10, false);
        AlertTriage triage = triage(quiet, new Notifications(List.of(quiet),
                List.of(new Route(Set.of(), Set.of(), List.of("quiet")))));

        assertThat(decide(triage, critical(AlertState.FIRING, 1))).isEqualTo(Verdict.SEND);
        assertThat(decide(triage, critical(AlertState.RESOLVED, 2))).isEqualTo(Verdict.SKIP);
    }

    @Test
    void alertsRoutedElsewhereAreSkipped() {
        ContactPoint pager = new ContactPoint("pager", ContactPoint.Kind.DESKTOP, null, Map.of(), 10, true);
        Notifications n = new Notifications(List.of(hook, pager), List.of(
                new Route(Set.of(), Set.of(Severity.CRITICAL), List.of("pager")),
                new Route(Set.of(), Set.of(Severity.WARNING), List.of("hook"))));

        assertThat(decide(triage(hook, n), critical(AlertState.FIRING, 1))).isEqualTo(Verdict.SKIP);
        assertThat(decide(triage(pager, n), critical(AlertState.FIRING, 1))).isEqualTo(Verdict.SEND);
    }

    @Test
    void aSilencedAlertIsReceiptedNotSentAndSoIsItsResolution() {
        silences.add(new Silence("ab12cd34", "payment-failure-rate-critical", Silence.ANY, T0, T0.plusSeconds(3600),
                "gateway maintenance", "cli"));
        AlertTriage triage = triage();

        AlertTriage.Decision d = triage.decide(critical(AlertState.FIRING, 1), NOW);
        assertThat(d.verdict()).isEqualTo(Verdict.SILENCED);
        assertThat(d.detail()).isEqualTo("Silenced by ab12cd34 until 11:00 UTC (gateway maintenance).");
        silences.clear(); // the silence ended before the alert resolved
        AlertTriage.Decision resolved = triage.decide(critical(AlertState.RESOLVED, 2), NOW);
        assertThat(resolved.verdict()).isEqualTo(Verdict.SILENCED);
        assertThat(resolved.detail()).isEqualTo("Not delivered: its firing update was silenced.");
    }

    @Test
    void aWarningIsInhibitedByTheCriticalOfItsFamilyReadInTheSameBatchWhicheverComesFirst() {
        AlertTriage triage = triage();
        Alert warning = warning(AlertState.FIRING, 1);
        Alert critical = critical(AlertState.FIRING, 1);
        triage.observe(warning);
        triage.observe(critical);

        AlertTriage.Decision w = triage.decide(warning, NOW);
        assertThat(w.verdict()).isEqualTo(Verdict.INHIBITED);
        assertThat(w.detail()).isEqualTo("Inhibited by the firing payment-failure-rate-critical alert "
                + critical.id() + ".");
        assertThat(triage.decide(critical, NOW).verdict()).isEqualTo(Verdict.SEND);
        assertThat(decide(triage, warning(AlertState.RESOLVED, 2))).isEqualTo(Verdict.INHIBITED);
    }

    @Test
    void aWarningIsInhibitedEvenWhenItsCriticalResolvedLaterInTheSameBatch() {
        // A backlog read at once: the whole episode of both rules in one poll.
        AlertTriage triage = triage();
        List<Alert> batch = List.of(warning(AlertState.FIRING, 1), critical(AlertState.FIRING, 1),
                warning(AlertState.FIRING, 2), critical(AlertState.FIRING, 2),
                warning(AlertState.RESOLVED, 3), critical(AlertState.RESOLVED, 3));
        batch.forEach(triage::observe);

        List<Verdict> verdicts = batch.stream().map(a -> triage.decide(a, NOW).verdict()).toList();
        triage.endBatch();

        assertThat(verdicts).containsExactly(Verdict.INHIBITED, Verdict.SEND, Verdict.SKIP, Verdict.SKIP,
                Verdict.INHIBITED, Verdict.SEND);
        // After the batch the resolved buckets are forgotten: a later WARNING episode is news again.
        Alert later = new Alert(Alert.idOf("payment-failure-rate", "Payment", T0.plusSeconds(600)),
                "payment-failure-rate", Severity.WARNING, "Payment", T0.plusSeconds(600), T0.plusSeconds(660), 30, 25,
                "", AlertState.FIRING, 1, T0.plusSeconds(660), T0.plusSeconds(660));
        assertThat(decide(triage, later)).isEqualTo(Verdict.SEND);
    }

    @Test
    void aReplayedBatchRemembersTheInhibitedWarningSoItsResolutionIsNotSent() {
        AlertTriage triage = triage();
        triage.replay(List.of(warning(AlertState.FIRING, 1), critical(AlertState.FIRING, 1)));

        assertThat(decide(triage, warning(AlertState.RESOLVED, 2))).isEqualTo(Verdict.INHIBITED);
        assertThat(decide(triage, critical(AlertState.RESOLVED, 2))).isEqualTo(Verdict.SEND);
    }

    @Test
    void aWarningAloneIsSent() {
        assertThat(decide(triage(), warning(AlertState.FIRING, 1))).isEqualTo(Verdict.SEND);
    }

    @Test
    void afterARestartAReplayedFiringBucketIsNotNewsButItsResolutionIs() {
        AlertTriage triage = triage();
        triage.replay(List.of(critical(AlertState.FIRING, 1)));

        assertThat(decide(triage, critical(AlertState.FIRING, 2))).isEqualTo(Verdict.SKIP);
        assertThat(decide(triage, critical(AlertState.RESOLVED, 3))).isEqualTo(Verdict.SEND);
        // A new episode of the same rule and group starts a new bucket (another window start).
        Alert next = new Alert(Alert.idOf("payment-failure-rate-critical", "Payment", T0.plusSeconds(600)),
                "payment-failure-rate-critical", Severity.CRITICAL, "Payment", T0.plusSeconds(600),
                T0.plusSeconds(660), 50, 40, "", AlertState.FIRING, 1, T0.plusSeconds(660), T0.plusSeconds(660));
        assertThat(decide(triage, next)).isEqualTo(Verdict.SEND);
    }
}

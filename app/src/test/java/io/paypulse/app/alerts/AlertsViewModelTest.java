package io.paypulse.app.alerts;

import static io.paypulse.app.Fixtures.T0;
import static io.paypulse.app.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.RulesFile;
import io.paypulse.app.MutableClock;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.Silence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;
    private final MutableClock clock = new MutableClock(T0.plusSeconds(70));
    private final AlertsViewModel vm = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD);

    @TempDir
    Path dir;

    @Test
    void oneRowPerBucketWithItsOccurrences() {
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 3)));
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.rows().get(0).alert().occurrences()).isEqualTo(3);
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.FIRING);
    }

    @Test
    void aNewCriticalAlertNotifiesOnce() {
        Alert a = alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        vm.render(List.of(a));
        vm.render(List.of(alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 2)));
        assertThat(vm.notificationCountProperty().get()).isEqualTo(1);
        assertThat(vm.notificationProperty().get()).isEqualTo("1 CRITICAL alert firing: Payment failure rate 62.5 % is above 40 %");
    }

    @Test
    void theBannerStaysWhileTheCriticalFiresAndCountsEachOne() {
        vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        for (int minute = 2; minute <= 5; minute++) { // republished every window, minutes go by
            clock.advance(Duration.ofMinutes(1));
            vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, minute)));
            assertThat(vm.bannerCountProperty().get()).isEqualTo(1);
        }
        vm.render(List.of(alert("c2", Severity.CRITICAL, T0.plusSeconds(240), AlertState.FIRING, 1),
                alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, 6)));
        assertThat(vm.notificationProperty().get()).startsWith("2 CRITICAL alerts firing, newest: ");
        assertThat(vm.bannerCountProperty().get()).isEqualTo(2);
    }

    @Test
    void acknowledgingTheBannerAcknowledgesWhatItCountedAndHidesIt() {
        vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                alert("c2", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        vm.acknowledgeBanner();
        assertThat(vm.notificationProperty().get()).isEmpty();
        assertThat(vm.rows()).extracting(AlertRow::status)
                .containsExactly(AlertRow.Status.ACKNOWLEDGED, AlertRow.Status.ACKNOWLEDGED);
        vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, 2),
                alert("c2", Severity.CRITICAL, T0, AlertState.FIRING, 2)));
        assertThat(vm.notificationProperty().get()).as("a republish does not bring it back").isEmpty();
    }

    @Test
    void theBannerGoesWhenItsAlertResolves() {
        vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        assertThat(vm.notificationProperty().get()).isNotEmpty();
        vm.render(List.of(alert("c1", Severity.CRITICAL, T0, AlertState.RESOLVED, 2)));
        assertThat(vm.notificationProperty().get()).isEmpty();
        assertThat(vm.bannerCountProperty().get()).isZero();
    }

    @Test
    void anInhibitedWarningFoldsUnderItsCriticalAndCountsOnce() {
        Alert critical = alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        Alert warning = alert("payment-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1);
        Alert unrelated = alert("card-testing", Severity.WARNING, T0, AlertState.FIRING, 1);
        vm.useInhibitor((a, current) -> a == warning ? Optional.of(critical) : Optional.empty());
        vm.render(List.of(warning, critical, unrelated));

        assertThat(vm.rows()).extracting(AlertRow::rule).containsExactly("payment-failure-rate-critical", "card-testing");
        assertThat(vm.rows().get(0).folded()).isEqualTo(1);
        assertThat(vm.totalCountProperty().get()).as("the folded WARNING is not counted twice").isEqualTo(2);

        vm.toggleFolded(critical.id());
        assertThat(vm.rows()).extracting(r -> r.rule() + ":" + r.status() + ":" + r.foldedUnder())
                .containsExactly("payment-failure-rate-critical:Firing:null",
                        "payment-failure-rate:Inhibited:" + critical.id(), "card-testing:Firing:null");
        vm.toggleFolded(critical.id());
        assertThat(vm.rows()).hasSize(2);

        vm.severityFilterProperty().set(Severity.WARNING);
        assertThat(vm.rows()).as("its CRITICAL filtered out, the WARNING stands on its own")
                .extracting(r -> r.rule() + ":" + r.status())
                .containsExactly("payment-failure-rate:Inhibited", "card-testing:Firing");
    }

    @Test
    void theShippedRulesFoldTheFailureRateWarningUnderItsCriticalOnlyWhileItFires() {
        vm.useRules(RulesFile.defaults());
        Alert warning = alert("payment-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1);
        vm.render(List.of(warning, alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                alert("refund-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1)));
        assertThat(vm.rows()).extracting(r -> r.rule() + ":" + r.folded())
                .containsExactly("payment-failure-rate-critical:1", "refund-failure-rate:0");

        vm.render(List.of(warning, alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.RESOLVED, 2)));
        assertThat(vm.rows()).extracting(r -> r.rule() + ":" + r.status())
                .containsExactly("payment-failure-rate:Firing", "payment-failure-rate-critical:Resolved");
    }

    @Test
    void revealingAnAlertClearsTheFiltersThatHideItAndExpandsItsParent() {
        vm.useRules(RulesFile.defaults());
        Alert warning = alert("payment-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1);
        Alert critical = alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        vm.render(List.of(critical, warning));
        vm.statusFilterProperty().set(AlertRow.Status.RESOLVED);
        assertThat(vm.rows()).isEmpty();

        assertThat(vm.reveal(warning.id())).isEqualTo(1);
        assertThat(vm.statusFilterProperty().get()).isNull();
        assertThat(vm.rows().get(1).id()).isEqualTo(warning.id());
        assertThat(vm.reveal("no|such|alert")).isEqualTo(-1);
    }

    @Test
    void theDeliveredColumnShowsWhatTheProviderSays() {
        Alert a = alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        vm.render(List.of(a));
        assertThat(vm.rows().get(0).delivered()).isEmpty();
        Map<String, String> receipts = new ConcurrentHashMap<>();
        vm.setDeliveredTo(id -> receipts.getOrDefault(id, ""));
        receipts.put(a.id(), "on-call ✓ · desktop ✓");
        vm.render(List.of(a)); // the next tick, same alerts
        assertThat(vm.rows().get(0).delivered()).isEqualTo("on-call ✓ · desktop ✓");
    }

    @Test
    void warningsAndOldAlertsDoNotNotify() {
        clock.advance(Duration.ofHours(2));
        vm.render(List.of(alert("old", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                alert("warn", Severity.WARNING, T0.plusSeconds(7200), AlertState.FIRING, 1)));
        assertThat(vm.notificationCountProperty().get()).isZero();
    }

    @Test
    void acknowledgedFiringAlertsShowAsAcknowledgedUntilResolved() {
        Alert a = alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        vm.render(List.of(a));
        vm.acknowledge(a.id());
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.ACKNOWLEDGED);
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.RESOLVED, 2)));
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.RESOLVED);
    }

    @Test
    void aSilenceMarksMatchingRowsUntilItEndsAndKeepsThemOffTheBanner() {
        vm.useSilences(new MemorySilences(clock));
        vm.silence(new SilenceDraft("r", "Payment", Duration.ofMinutes(10), "maintenance"));
        assertThat(vm.messageProperty().get()).isEqualTo("Silenced r for Payment until 10:11.");
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                alert("other", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        AlertRow silenced = vm.rows().get(0);
        assertThat(silenced.status()).isEqualTo(AlertRow.Status.SILENCED);
        assertThat(vm.until(silenced.silencedUntil())).isEqualTo("10:11");
        assertThat(vm.rows().get(1).status()).isEqualTo(AlertRow.Status.FIRING);
        assertThat(vm.notificationProperty().get()).as("only the other one is on the banner")
                .startsWith("1 CRITICAL alert firing");
        assertThat(vm.silences()).extracting(s -> s.rule() + "/" + s.group() + "/" + s.comment())
                .containsExactly("r/Payment/maintenance");

        clock.advance(Duration.ofMinutes(10));
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 11)));
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.FIRING);
        assertThat(vm.silences()).isEmpty();
        assertThat(vm.notificationProperty().get()).as("the silence is over, the alert still fires")
                .startsWith("1 CRITICAL alert firing");
    }

    @Test
    void aSilenceForAnyGroupCoversEveryGroupOfTheRuleAndExpiresOnRequest() {
        vm.useSilences(new MemorySilences(clock));
        vm.silence(new SilenceDraft("r", Silence.ANY, Duration.ofHours(1), ""));
        Alert other = new Alert(Alert.idOf("r", "Refund", T0), "r", Severity.WARNING, "Refund", T0,
                T0.plusSeconds(60), 30, 25, "m", AlertState.FIRING, 1, T0, T0.plusSeconds(65));
        vm.render(List.of(alert("r", Severity.WARNING, T0, AlertState.FIRING, 1), other));
        assertThat(vm.rows()).extracting(AlertRow::status)
                .containsExactly(AlertRow.Status.SILENCED, AlertRow.Status.SILENCED);

        clock.advance(Duration.ofMinutes(1));
        vm.expireSilence(vm.silences().get(0).id());
        assertThat(vm.silences()).isEmpty();
        assertThat(vm.rows()).extracting(AlertRow::status)
                .containsExactly(AlertRow.Status.FIRING, AlertRow.Status.FIRING);
        assertThat(vm.messageProperty().get()).endsWith("expired.");
    }

    @Test
    void withoutAClusterSilencingSaysWhyAndChangesNothing() {
        assertThat(vm.canSilenceProperty().get()).isFalse();
        vm.silence(new SilenceDraft("r", "Payment", Duration.ofMinutes(15), ""));
        assertThat(vm.messageProperty().get())
                .isEqualTo("Could not save the silence: Connect to a cluster first: silences are kept in it.");
        assertThat(vm.silences()).isEmpty();
    }

    @Test
    void acknowledgementsSurviveARestartOfTheApp() {
        AlertMarksStore store = new AlertMarksStore(dir.resolve("config").resolve("alert-marks.json"));
        AlertsViewModel before = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD, store.load(), store::save);
        Alert a = alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        before.render(List.of(a));
        before.acknowledge(a.id());

        clock.advance(Duration.ofMinutes(5));
        AlertsViewModel after = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD, store.load(), store::save);
        after.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 2),
                alert("w", Severity.WARNING, T0, AlertState.FIRING, 1)));
        assertThat(after.rows()).extracting(AlertRow::status)
                .containsExactly(AlertRow.Status.ACKNOWLEDGED, AlertRow.Status.FIRING);
    }

    @Test
    void anOldMarksFileWithSnoozesStillLoadsItsAcknowledgements() throws Exception {
        Path file = dir.resolve("alert-marks.json");
        Files.writeString(file, "{\"acknowledged\": [\"a|b|c\"], \"snoozedUntil\": {\"r\": \"2026-11-26T10:30:00Z\"}}");
        assertThat(new AlertMarksStore(file).load().acknowledged()).containsExactly("a|b|c");
    }

    @Test
    void anUnreadableMarksFileMeansNoMarksNotACrash() throws Exception {
        Path file = dir.resolve("alert-marks.json");
        Files.writeString(file, "{not json");
        assertThat(new AlertMarksStore(file).load()).isEqualTo(AlertMarks.none());
    }

    @Test
    void filtersBySeverityAndState() {
        vm.render(List.of(alert("c", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                alert("w", Severity.WARNING, T0, AlertState.FIRING, 1),
                alert("x", Severity.WARNING, T0, AlertState.RESOLVED, 1)));
        vm.severityFilterProperty().set(Severity.WARNING);
        assertThat(vm.rows()).extracting(AlertRow::rule).containsExactlyInAnyOrder("w", "x");
        vm.statusFilterProperty().set(AlertRow.Status.RESOLVED);
        assertThat(vm.rows()).extracting(AlertRow::rule).containsExactly("x");
        vm.severityFilterProperty().set(null);
        vm.statusFilterProperty().set(null);
        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.totalCountProperty().get()).isEqualTo(3);
    }

    @Test
    void exportWritesTheShownRowsAsCsv() throws Exception {
        Alert a = new Alert("id,1", "r", Severity.CRITICAL, "Payment", T0, T0.plusSeconds(60), 62.5, 40,
                "Rate \"high\", act now", AlertState.FIRING, 2, T0, T0.plusSeconds(60));
        vm.render(List.of(a));
        Path file = dir.resolve("alerts.csv");
        vm.exportCsv(file);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("time,severity,rule,group,window_start");
        assertThat(lines.get(1)).isEqualTo("2026-11-26T10:01:00Z,CRITICAL,r,Payment,2026-11-26T10:00:00Z,"
                + "2026-11-26T10:01:00Z,62.5,40,\"Rate \"\"high\"\", act now\",FIRING,2,\"id,1\",,");
        assertThat(vm.messageProperty().get()).startsWith("Exported 1 alerts");
    }

    @Test
    void valuesAreShownAgainstTheirThreshold() {
        assertThat(AlertsViewModel.valueVsThreshold(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1)))
                .isEqualTo("62.5 vs 40");
    }
}

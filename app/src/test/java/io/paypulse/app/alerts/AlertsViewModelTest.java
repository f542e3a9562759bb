package io.paypulse.app.alerts;

import static io.paypulse.app.Fixtures.T0;
import static io.paypulse.app.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.app.MutableClock;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertThat(vm.notificationProperty().get()).startsWith("CRITICAL: Payment failure rate");
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
    void snoozingARuleSilencesItForThatLong() {
        vm.snooze("r", 10);
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1)));
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.SNOOZED);
        assertThat(vm.notificationCountProperty().get()).isZero();

        clock.advance(Duration.ofMinutes(10));
        vm.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 2)));
        assertThat(vm.rows().get(0).status()).isEqualTo(AlertRow.Status.FIRING);
    }

    @Test
    void acknowledgementsAndSnoozesSurviveARestartOfTheApp() {
        AlertMarksStore store = new AlertMarksStore(dir.resolve("config").resolve("alert-marks.json"));
        AlertsViewModel before = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD, store.load(), store::save);
        Alert a = alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1);
        before.render(List.of(a));
        before.acknowledge(a.id());
        before.snooze("w", 30);

        clock.advance(Duration.ofMinutes(5));
        AlertsViewModel after = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD, store.load(), store::save);
        after.render(List.of(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 2),
                alert("w", Severity.WARNING, T0, AlertState.FIRING, 1)));
        assertThat(after.rows()).extracting(AlertRow::status)
                .containsExactly(AlertRow.Status.ACKNOWLEDGED, AlertRow.Status.SNOOZED);

        clock.advance(Duration.ofMinutes(30)); // the snooze is over by the next start
        AlertsViewModel later = new AlertsViewModel(clock, SAME_THREAD, SAME_THREAD, store.load(), store::save);
        later.render(List.of(alert("w", Severity.WARNING, T0, AlertState.FIRING, 2)));
        assertThat(later.rows().get(0).status()).isEqualTo(AlertRow.Status.FIRING);
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
                + "2026-11-26T10:01:00Z,62.5,40,\"Rate \"\"high\"\", act now\",FIRING,2,\"id,1\"");
        assertThat(vm.messageProperty().get()).startsWith("Exported 1 alerts");
    }

    @Test
    void valuesAreShownAgainstTheirThreshold() {
        assertThat(AlertsViewModel.valueVsThreshold(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1)))
                .isEqualTo("62.5 vs 40");
    }
}

package io.paypulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.Silence;
import io.paypulse.notify.TopicSilences;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Alerts tab as a user meets issue 12 there: a WARNING folded under the CRITICAL that inhibits
 * it, and a silence made from a row, listed, shared through the cluster and expired. The app
 * watches the shared broker; the test writes the alert records.
 */
class AlertFeedJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final WatchingApp app = new WatchingApp();

    @Test
    void anInhibitedWarningIsFoldedUnderItsCriticalAndCountedOnce() throws Exception {
        String group = "Fold-journey";
        app.launch(dir);
        Instant window = app.clock.instant().minus(Duration.ofMinutes(1));
        Alert warning = app.alert("payment-failure-rate", Severity.WARNING, group, window, AlertState.FIRING, 1);
        Alert critical = app.alert("payment-failure-rate-critical", Severity.CRITICAL, group, window,
                AlertState.FIRING, 1);
        app.publish(warning);
        app.publish(critical);
        showAlertsTab();

        await("one row for the pair").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> rows(group).size() == 1 && rows(group).get(0).folded() == 1);
        assertThat(rows(group).get(0).id()).isEqualTo(critical.id());
        assertThat(WatchingApp.onFx(() -> tabs().getTabs().get(1).getText()))
                .as("the tab counts the rows, the folded WARNING not twice")
                .isEqualTo("Alerts (" + WatchingApp.onFx(() -> table().getItems().size()) + ")");

        // The shared broker holds other tests' alerts, so the row may be below the fold: scroll to it as
        // a user would. Then click where that row's toggle is on screen: the table rebuilds its cells
        // as the feed ticks, and a click aimed at a cell node that was replaced meanwhile fails
        // ("scene is null"); a user's click at the spot lands on whichever cell shows the row there.
        AlertRow target = rows(group).get(0);
        app.robot.interact(() -> table().scrollTo(target));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D spot = WatchingApp.onFx(() -> {
            Button toggle = app.robot.lookup(".fold-toggle").match(NodeQueryUtils.isVisible())
                    .match((Node n) -> rowOf(n).map(r -> critical.id().equals(r.id())).orElse(false))
                    .queryAs(Button.class);
            assertThat(toggle.getText()).isEqualTo("+1 folded ▸");
            Bounds b = toggle.localToScreen(toggle.getBoundsInLocal());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        app.robot.clickOn(spot);
        await("expanded").atMost(Duration.ofSeconds(5)).until(() -> rows(group).size() == 2);
        AlertRow folded = rows(group).get(1);
        assertThat(folded.id()).isEqualTo(warning.id());
        assertThat(folded.status()).isEqualTo(AlertRow.Status.INHIBITED);
        assertThat(folded.foldedUnder()).isEqualTo(critical.id());

        // The CRITICAL recovers: nothing inhibits the WARNING any more, it stands on its own.
        app.publish(app.alert("payment-failure-rate-critical", Severity.CRITICAL, group, window,
                AlertState.RESOLVED, 2));
        await("unfolded").atMost(Duration.ofSeconds(10)).until(() -> rows(group).size() == 2
                && rows(group).stream().allMatch(r -> r.folded() == 0 && !r.isFoldedChild()));
        assertThat(rows(group)).extracting(AlertRow::status)
                .containsExactlyInAnyOrder(AlertRow.Status.FIRING, AlertRow.Status.RESOLVED);
    }

    @Test
    void aSilenceMadeFromARowIsListedSharedMarksTheRowAndExpires() throws Exception {
        String group = "Silence-journey";
        app.launch(dir);
        Instant window = app.clock.instant().minus(Duration.ofMinutes(1));
        Alert warning = app.alert("payment-failure-rate", Severity.WARNING, group, window, AlertState.FIRING, 1);
        app.publish(warning);
        showAlertsTab();
        await("the row").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> rows(group).size() == 1);
        app.robot.interact(() -> table().getSelectionModel().select(rows(group).get(0)));
        await("silences are read from the cluster").atMost(Duration.ofSeconds(30))
                .until(() -> !WatchingApp.onFx(() -> app.robot.lookup("#silenceButton").queryButton().isDisabled()));

        app.robot.clickOn("#silenceButton");
        @SuppressWarnings("unchecked")
        ComboBox<String> duration = app.robot.lookup("#silenceDuration").queryAs(ComboBox.class);
        app.robot.interact(() -> duration.setValue("15 min"));
        app.robot.clickOn("#silenceComment").write("gateway maintenance");
        app.robot.clickOn("#silenceOkButton");

        String until = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC)
                .format(app.clock.instant().plus(Duration.ofMinutes(15)));
        await("listed in the Silences panel").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> silences(group).size() == 1);
        Silence listed = silences(group).get(0);
        assertThat(listed.rule()).isEqualTo("payment-failure-rate");
        assertThat(listed.comment()).isEqualTo("gateway maintenance");
        assertThat(listed.endsAt()).isEqualTo(app.clock.instant().plus(Duration.ofMinutes(15)));
        await("the row is marked").atMost(Duration.ofSeconds(10))
                .until(() -> rows(group).get(0).status() == AlertRow.Status.SILENCED);
        assertThat(WatchingApp.onFx(() -> table().getSelectionModel().getSelectedItem().id()))
                .as("the row stays selected when a tick changes it").isEqualTo(warning.id());
        assertThat(app.robot.lookup(n -> n instanceof TableCell<?, ?> c && c.isVisible()
                && ("Silenced until " + until).equals(c.getText())).tryQuery()).isPresent();
        assertThat(app.text("#messageLabel")).isEqualTo("Silenced payment-failure-rate for " + group
                + " until " + until + ".");

        // Shared: a headless reader of the same cluster sees it too.
        try (TopicSilences headless = new TopicSilences()) {
            Properties client = new Properties();
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, app.bootstrap());
            headless.start(client);
            assertThat(headless.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            assertThat(headless.find(listed.id())).map(Silence::group).contains(group);
        }

        app.clock.advance(Duration.ofMinutes(1));
        app.robot.interact(() -> silencesTable().getSelectionModel().select(listed));
        app.robot.clickOn("#expireSilenceButton");
        await("expired: gone from the panel").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> silences(group).isEmpty());
        await("the row fires again").atMost(Duration.ofSeconds(10))
                .until(() -> rows(group).get(0).status() == AlertRow.Status.FIRING);
    }

    private void showAlertsTab() {
        app.robot.interact(() -> tabs().getSelectionModel().select(1));
    }

    /** The alert of the table row that holds {@code n}, if any. */
    private static Optional<AlertRow> rowOf(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof TableRow<?> r && r.getItem() instanceof AlertRow a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private List<AlertRow> rows(String group) {
        return WatchingApp.onFx(() -> table().getItems().stream().filter(r -> r.group().equals(group)).toList());
    }

    private List<Silence> silences(String group) {
        return WatchingApp.onFx(() -> silencesTable().getItems().stream().filter(s -> s.group().equals(group))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private TableView<AlertRow> table() {
        return (TableView<AlertRow>) app.robot.lookup("#alertsTable").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<Silence> silencesTable() {
        return (TableView<Silence>) app.robot.lookup("#silencesTable").queryAs(TableView.class);
    }

    private TabPane tabs() {
        return app.robot.lookup(".tab-pane").queryAs(TabPane.class);
    }
}

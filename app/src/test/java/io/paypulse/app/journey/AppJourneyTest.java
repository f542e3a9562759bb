package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.alerts.AlertRow;
import io.paypulse.app.testing.RunningApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.event.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Real journeys on a real window (headless Monocle) against the real embedded pipeline. The alert
 * part runs on real 1-minute windows: a CRITICAL alert appears when the first window of the
 * outage closes, and resolves when the first normal window closes (1–3 minutes in all).
 */
class AppJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();
    private PulseWatch pulse;

    private void launch(Map<String, String> overrides) throws Exception {
        // 500 events/s: the first (partial) window has enough payments for the min-events of the rules.
        RunningApp.Launch launch = running.in(dir).settings("{\"rate\": 500, \"width\": 1280, \"height\": 800}")
                .set(ConfigKeys.BROKER_PORT, "0");
        overrides.forEach(launch::set);
        launch.launch();
        pulse = new PulseWatch();
    }

    @AfterEach
    void close() throws Exception {
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void startOutageCriticalAlertAcknowledgeRecoverStop() {
        robot.clickOn("#startButton");
        await("pipeline running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> text("#progressLabel").startsWith("Running"));
        assertThat(button("#startButton").isDisabled()).isTrue();

        robot.clickOn("#outageButton");
        assertThat(text("#scenarioLabel")).isEqualTo("Gateway outage");

        XYChart<?, ?> payments = robot.lookup("#paymentsChart").queryAs(XYChart.class);
        await("payments chart has points").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> onFx(() -> payments.getData().get(0).getData().size()) > 0);
        await("events/s shows a rate").atMost(Duration.ofSeconds(30))
                .until(() -> !text("#kpiEventsPerSecond").equals("–") && !text("#kpiEventsPerSecond").equals("0.0"));

        await("a CRITICAL alert fires when the outage window closes").atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> critical().isPresent());
        await("in-app notification").atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#notificationBanner").query().isVisible());
        assertThat(text("#notificationText")).matches("\\d+ CRITICAL alerts? firing.*");

        robot.clickOn("Show alerts");
        TableView<AlertRow> table = table();
        AlertRow row = critical().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(row));
        robot.clickOn("#ackButton");
        await("acknowledged").atMost(Duration.ofSeconds(5))
                .until(() -> status(row.id()).orElse(null) == AlertRow.Status.ACKNOWLEDGED);

        robot.interact(() -> tabs().getSelectionModel().select(0));
        robot.clickOn("#normalButton");
        assertThat(text("#scenarioLabel")).isEqualTo("Normal");

        await("the alert resolves once a normal window closes").atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status(row.id()).orElse(null) == AlertRow.Status.RESOLVED);

        robot.clickOn("#stopButton");
        await("stopped").atMost(Duration.ofSeconds(60)).until(() -> text("#progressLabel").startsWith("Stopped"));
        assertThat(button("#startButton").isDisabled()).isFalse();

        robot.clickOn("#stopButton"); // stopping twice is harmless (the button is disabled: no effect)
        assertThat(pulse.worstMillis()).as("worst FX thread delay while the pipeline ran").isLessThan(2_000);
    }

    @Test
    void aTakenBrokerPortShowsOnePlainSentenceAndTheAppStaysUsable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
            launch(Map.of(ConfigKeys.BROKER_PORT, Integer.toString(taken.getLocalPort())));
            robot.clickOn("#startButton");
            await("error banner").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> robot.lookup("#errorBanner").query().isVisible());
            String message = text("#errorText");
            assertThat(message).contains(Integer.toString(taken.getLocalPort())).doesNotContain("Exception")
                    .doesNotContain("\n");
            assertThat(button("#startButton").isDisabled()).isFalse();
            assertThat(text("#progressLabel")).startsWith("Stopped");

            robot.clickOn("#dismissErrorButton");
            await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#errorBanner").query().isVisible());
        }
    }

    // The journey needs its own launch; JUnit runs @Test methods in a deterministic but unspecified
    // order, so each test launches the app it needs.
    @BeforeEach
    void launchDefault(TestInfo info) throws Exception {
        if (info.getTestMethod().map(m -> m.getName().startsWith("startOutage")).orElse(false)) {
            launch(Map.of());
        }
    }

    private Optional<AlertRow> critical() {
        return onFx(() -> table().getItems().stream()
                .filter(r -> r.severity() == Severity.CRITICAL && r.rule().equals("payment-failure-rate-critical"))
                .findFirst());
    }

    private Optional<AlertRow.Status> status(String id) {
        return onFx(() -> table().getItems().stream().filter(r -> r.id().equals(id)).map(AlertRow::status).findFirst());
    }

    @SuppressWarnings("unchecked")
    private TableView<AlertRow> table() {
        return (TableView<AlertRow>) robot.lookup("#alertsTable").queryAs(TableView.class);
    }

    private TabPane tabs() {
        return robot.lookup(".tab-pane").queryAs(TabPane.class);
    }

    private String text(String query) {
        Node n = robot.lookup(query).query();
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }

    private Button button(String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    /** Measures how late FX runnables run: a blocked FX thread shows up as a large delay. */
    private static final class PulseWatch implements AutoCloseable {
        private final AtomicLong worst = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        PulseWatch() {
            thread = new Thread(() -> {
                while (running) {
                    long posted = System.nanoTime();
                    CountDownLatch ran = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        worst.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max);
                        ran.countDown();
                    });
                    try {
                        ran.await(30, TimeUnit.SECONDS);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "pulse-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long worstMillis() {
            return worst.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}

package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.TextArea;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The first run and Help ▸ About on a real (headless) window; no pipeline is started. */
class HelpMenuJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();

    @BeforeEach
    void launch() throws Exception {
        running.in(dir).launch();
    }

    @Test
    void firstRunWritesTheConfigTheRulesCopyAndTheLogFile() {
        await("first-run files").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dir.resolve("config/paypulse/paypulse.yaml")).isRegularFile();
            assertThat(dir.resolve("config/paypulse/rules.yaml")).isRegularFile();
            assertThat(dir.resolve("data/logs/paypulse.log")).isRegularFile();
        });
    }

    @Test
    void aboutShowsTheVersionsAndWhereThingsAre() {
        robot.clickOn("#helpMenu");
        robot.clickOn("About PayPulse");
        WaitForAsyncUtils.waitForFxEvents();

        TextArea details = robot.lookup("#aboutDetails").queryAs(TextArea.class);
        String text = details.getText();
        assertThat(text).contains("Java: " + System.getProperty("java.version"))
                .contains("JavaFX: 21.")
                .contains("Apache Kafka: " + AppInfoParser.getVersion())
                .contains("Data folder: " + dir.resolve("data"))
                .contains("Log file: " + dir.resolve("data/logs/paypulse.log"))
                .contains("Config file: " + dir.resolve("config/paypulse/paypulse.yaml"));
    }

    @Test
    void helpListsTheChartsKeyboardShortcuts() {
        robot.clickOn("#helpMenu");
        robot.clickOn("Keyboard shortcuts");
        WaitForAsyncUtils.waitForFxEvents();

        String text = robot.lookup("#shortcutsText").queryAs(TextArea.class).getText();
        assertThat(text).contains("1 … 5").contains("7 days").contains("Zoom in / out").contains("L ")
                .contains("Live: back to now").contains("Mouse wheel").contains("Double-click a point");
    }
}

package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ⚙ menu's remembered choices on a real (headless) window: dark theme, back to the shipped rules, and the
 * window's place, there again after a restart. No pipeline starts.
 */
class SettingsMenuJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();

    @Test
    void darkThemeShippedRulesAndWindowPlaceAreThereAfterARestart() throws Exception {
        Path settings = dir.resolve("config/paypulse/app.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"rulesFile\": \"/srv/paypulse/team-rules.yaml\", \"width\": 1000, \"height\": 700}");
        launch(settings);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        robot.interact(() -> {
            mainWindow().setX(40);
            mainWindow().setY(30);
        });

        menu("Dark theme");
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        menu("Use the shipped rules");
        await("settings saved").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(settings).content()
                .contains("\"theme\" : \"dark\"").contains("\"rulesFile\" : \"\"")
                .contains("\"x\" : 40.0").contains("\"y\" : 30.0"));

        running.close();
        launch(settings);

        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(onFx(() -> new double[] {mainWindow().getX(), mainWindow().getY()})).containsExactly(40, 30);
        menu("Dark theme"); // back to light, for the tests after this one in the same JVM
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        await("light saved").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(settings).content()
                .contains("\"theme\" : \"light\""));
    }

    private void launch(Path settings) throws Exception {
        running.in(dir).settings(settings).launch();
    }

    /** ⚙ ▸ {@code item}, as a user clicks it. */
    private void menu(String item) {
        robot.clickOn(robot.lookup("⚙").queryAs(Node.class));
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Stage mainWindow() {
        return (Stage) robot.lookup("#startButton").queryAs(Button.class).getScene().getWindow();
    }
}

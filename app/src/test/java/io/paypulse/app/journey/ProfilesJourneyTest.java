package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Connection profiles on a real (headless) window: create one, switch away and back, restart, rename. No pipeline starts. */
class ProfilesJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();

    @Test
    void aNewProfileKeepsItsServersAcrossASwitchAndARestart() throws Exception {
        Path settings = dir.resolve("config/paypulse/app.json");
        launch(settings);
        assertThat(profileBox().getValue()).isEqualTo("Embedded");
        assertThat(bootstrapField().isVisible()).as("no servers to enter for the embedded pipeline").isFalse();

        robot.clickOn("#profileMenu");
        robot.clickOn("New profile…");
        robot.clickOn("#profileNameField").write("Staging");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(profileBox().getValue()).isEqualTo("Staging");
        assertThat(onFx(() -> bootstrapField().isVisible())).as("a new profile is a Custom cluster").isTrue();
        robot.clickOn("#bootstrapField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("staging-kafka:9092");

        pick("Embedded");
        assertThat(onFx(() -> bootstrapField().isVisible())).isFalse();
        pick("Staging");
        assertThat(onFx(() -> bootstrapField().getText())).isEqualTo("staging-kafka:9092");

        await("settings saved").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(settings)
                .content().contains("staging-kafka:9092").contains("\"activeProfile\" : \"Staging\""));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");

        running.close();
        launch(settings);

        assertThat(profileBox().getItems()).containsExactly("Embedded", "Docker stack", "Custom cluster", "Staging");
        assertThat(profileBox().getValue()).as("the last used profile").isEqualTo("Staging");
        assertThat(onFx(() -> bootstrapField().getText())).isEqualTo("staging-kafka:9092");
        assertThat(robot.lookup("#modeBox").queryAs(ComboBox.class).getValue()).hasToString("Custom cluster");

        robot.clickOn("#profileMenu");
        robot.clickOn("Rename profile…");
        robot.clickOn("#profileNameField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("Staging EU");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(profileBox().getItems()).containsExactly("Embedded", "Docker stack", "Custom cluster", "Staging EU");
        assertThat(profileBox().getValue()).isEqualTo("Staging EU");
        assertThat(onFx(() -> bootstrapField().getText())).isEqualTo("staging-kafka:9092");
    }

    private void launch(Path settings) throws Exception {
        running.in(dir).settings(settings).launch();
    }

    /** Opens the profile list and clicks the entry, as a user does. */
    private void pick(String name) {
        robot.clickOn("#profileBox");
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c && c.isVisible()
                && name.equals(c.getText()) && n.getScene() != profileBox().getScene()).query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(profileBox().getValue()).isEqualTo(name);
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> profileBox() {
        return (ComboBox<String>) robot.lookup("#profileBox").queryAs(ComboBox.class);
    }

    private TextField bootstrapField() {
        return robot.lookup("#bootstrapField").queryAs(TextField.class);
    }
}

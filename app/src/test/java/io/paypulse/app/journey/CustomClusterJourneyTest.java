package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.pipeline.LocalPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Custom cluster mode on a real window against a pipeline the app did not start: a broker,
 * processor and generator run here as an operator would run them headless; the app only watches.
 */
class CustomClusterJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();
    private LocalPipeline pipeline;

    @AfterEach
    void close() throws Exception {
        running.close(); // before the pipeline it watches
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void watchesAPipelineRunningElsewhereAndLeavesItRunningOnStop() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.DATA_DIR, dir.resolve("server").toString());
        flags.put(ConfigKeys.BROKER_PORT, "0");
        flags.put(ConfigKeys.RATE, "300");
        PayPulseConfig server = ConfigLoader.load(null, Map.of(), flags);
        pipeline = new LocalPipeline(server, RulesFile.defaults(), Clock.systemUTC(), step -> { });
        pipeline.start();
        String bootstrap = pipeline.config().bootstrapServers();

        launchWatching(bootstrap);
        robot.clickOn("#startButton");
        await("connected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> text("#progressLabel").startsWith("Running"));
        assertThat(text("#progressLabel")).contains(bootstrap);

        XYChart<?, ?> payments = robot.lookup("#paymentsChart").queryAs(XYChart.class);
        await("payments chart has points from the other pipeline").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> onFx(() -> payments.getData().get(0).getData().size()) > 0);
        assertThat(robot.lookup("#outageButton").queryAs(Button.class).isDisabled())
                .as("no generator to drive in Custom cluster mode").isTrue();

        robot.clickOn("#stopButton");
        await("stopped").atMost(Duration.ofSeconds(30)).until(() -> text("#progressLabel").startsWith("Stopped"));
        long before = pipeline.processor().stats().parsedCount();
        await("the pipeline the app watched keeps running").atMost(Duration.ofSeconds(30))
                .until(() -> pipeline.processor().stats().parsedCount() > before);
    }

    @Test
    void anUnreachableClusterIsOnePlainSentenceAndTheAppStaysUsable() throws Exception {
        launchWatching("localhost:1");
        robot.clickOn("#startButton");
        await("error banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> robot.lookup("#errorBanner").query().isVisible());
        assertThat(text("#errorText")).contains("localhost:1 did not answer").doesNotContain("Exception")
                .doesNotContain("\n");
        assertThat(text("#progressLabel")).startsWith("Stopped");
        assertThat(robot.lookup("#startButton").queryAs(Button.class).isDisabled()).isFalse();
    }

    private void launchWatching(String bootstrap) throws Exception {
        running.in(dir).settings("{\"mode\": \"CUSTOM\", \"bootstrapServers\": \"" + bootstrap
                + "\", \"width\": 1280, \"height\": 800}").set(ConfigKeys.DATA_DIR, dir.resolve("app-data").toString())
                .launch();
    }

    private String text(String query) {
        Node n = robot.lookup(query).query();
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }
}

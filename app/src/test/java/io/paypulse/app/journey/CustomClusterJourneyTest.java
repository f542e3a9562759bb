package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.alert.RulesFile;
import io.paypulse.app.AppOptions;
import io.paypulse.app.PayPulseApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.pipeline.LocalPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Custom cluster mode on a real window against a pipeline the app did not start: a broker,
 * processor and generator run here as an operator would run them headless; the app only watches.
 */
class CustomClusterJourneyTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private PayPulseApp app;
    private LocalPipeline pipeline;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.shutdownForTest().get(60, TimeUnit.SECONDS);
            FxToolkit.cleanupApplication(app);
        }
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
        Path settings = dir.resolve("app.json");
        Files.writeString(settings, "{\"mode\": \"CUSTOM\", \"bootstrapServers\": \"" + bootstrap
                + "\", \"width\": 1280, \"height\": 800}");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        AppOptions options = new AppOptions(settings, Map.of(ConfigKeys.DATA_DIR, dir.resolve("app-data").toString()),
                false, env);
        app = (PayPulseApp) FxToolkit.setupApplication(() -> new PayPulseApp(options));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String query) {
        Node n = robot.lookup(query).query();
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }

    private static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.paypulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.AppOptions;
import io.paypulse.app.MutableClock;
import io.paypulse.app.PayPulseApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.event.Topics;
import io.paypulse.testing.SharedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: "No CRITICAL banner was visible on the dashboard two minutes after the CRITICAL fired."
 * The app watches the shared broker (Custom cluster mode); the test writes the engine's alert
 * records to {@code payment-alerts} itself and moves the app's clock by hand.
 */
class AlertBannerJourneyTest {

    /** The banner used to hide itself after 20 s on a timer: watch it for longer than that. */
    private static final Duration PAST_THE_OLD_TIMEOUT = Duration.ofSeconds(22);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private PayPulseApp app;
    private KafkaProducer<String, Alert> producer;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.shutdownForTest().get(60, TimeUnit.SECONDS);
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void theCriticalBannerStaysUntilAcknowledgedOrResolved() throws Exception {
        connect();
        Instant window = clock.instant().minus(Duration.ofMinutes(1));
        publish(critical("payment-failure-rate-critical", window, AlertState.FIRING, 1));
        await("the CRITICAL banner").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(this::bannerShown);

        // The engine republishes a firing alert every window; two minutes go by.
        clock.advance(Duration.ofMinutes(1));
        publish(critical("payment-failure-rate-critical", window, AlertState.FIRING, 2));
        clock.advance(Duration.ofMinutes(1));
        publish(critical("payment-failure-rate-critical", window, AlertState.FIRING, 3));
        await("the banner is still there two minutes later").during(PAST_THE_OLD_TIMEOUT)
                .atMost(PAST_THE_OLD_TIMEOUT.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(this::bannerShown);
        assertThat(text("#notificationText")).startsWith("1 CRITICAL alert firing").contains("Payment failure rate");

        // A second CRITICAL: the banner counts both.
        publish(critical("card-testing", window.plusSeconds(60), AlertState.FIRING, 1));
        await("two firing").atMost(Duration.ofSeconds(10))
                .until(() -> text("#notificationText").startsWith("2 CRITICAL alerts firing"));

        robot.clickOn("#acknowledgeBannerButton");
        await("acknowledged: the banner goes").atMost(Duration.ofSeconds(5)).until(() -> !bannerShown());

        // A new CRITICAL brings it back; its recovery takes it away without an acknowledgement.
        publish(critical("payment-failure-rate-critical", window.plusSeconds(120), AlertState.FIRING, 1));
        await("a new CRITICAL shows again").atMost(Duration.ofSeconds(10)).until(this::bannerShown);
        assertThat(text("#notificationText")).startsWith("1 CRITICAL alert firing");
        clock.advance(Duration.ofMinutes(1));
        publish(critical("payment-failure-rate-critical", window.plusSeconds(120), AlertState.RESOLVED, 2));
        await("resolved: the banner goes").atMost(Duration.ofSeconds(10)).until(() -> !bannerShown());
    }

    private void connect() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        SharedBroker.createTopics(Topics.partitionsByTopic(1));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(p, new StringSerializer(), Topics.ALERT_VALUE.serializer());

        Path settings = dir.resolve("app.json");
        Files.writeString(settings, "{\"mode\": \"CUSTOM\", \"bootstrapServers\": \"" + bootstrap
                + "\", \"width\": 1280, \"height\": 800}");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        AppOptions options = new AppOptions(settings, Map.of(ConfigKeys.DATA_DIR, dir.resolve("data").toString()),
                false, env);
        Clock appClock = clock;
        app = (PayPulseApp) FxToolkit.setupApplication(() -> new PayPulseApp(options) {
            @Override
            protected Clock clock() {
                return appClock;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#startButton");
        await("connected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> text("#progressLabel").startsWith("Running"));
    }

    /** An alert record as the engine writes it, seen last at the clock's now. */
    private Alert critical(String rule, Instant window, AlertState state, int occurrences) {
        return new Alert(Alert.idOf(rule, "Payment", window), rule, Severity.CRITICAL, "Payment", window,
                window.plusSeconds(60), 62.5, 40, "Payment failure rate 62.5 % is above 40 %", state, occurrences,
                window.plusSeconds(65), clock.instant());
    }

    private void publish(Alert a) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), a)).get(10, TimeUnit.SECONDS);
    }

    private boolean bannerShown() {
        Node banner = robot.lookup("#notificationBanner").query();
        return onFx(banner::isVisible);
    }

    private String text(String query) {
        Node n = robot.lookup(query).query();
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

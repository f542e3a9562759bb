package io.paypulse.app.alerts;

import static org.awaitility.Awaitility.await;

import io.paypulse.app.AppOptions;
import io.paypulse.testing.MutableClock;
import io.paypulse.app.PayPulseApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app on a real window (Monocle) watching the shared broker in Custom cluster mode, with a
 * clock the test moves. The test writes the engine's alert records to {@code payment-alerts}
 * itself. Test classes share the broker's topics: each uses its own groups, and {@link #close()}
 * resolves every CRITICAL it left firing so the next app's banner does not count it.
 */
final class WatchingApp implements AutoCloseable {

    final FxRobot robot = new FxRobot();
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private final Map<String, Alert> published = new LinkedHashMap<>();
    private KafkaProducer<String, Alert> producer;
    private PayPulseApp app;

    /** Launches the app and connects it (Start) to the shared broker. */
    WatchingApp launch(Path dir) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        SharedBroker.createTopics(Topics.partitionsByTopic(1));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(p, new StringSerializer(), Topics.ALERT_VALUE.serializer());
        // A record before the app connects: the feed then seeks to a definite offset. On an empty topic
        // it seeks to the end lazily, and a record written before its first poll can be skipped.
        Instant warm = clock.instant().minus(Duration.ofMinutes(10));
        producer.send(new ProducerRecord<>(Topics.ALERTS, "warm-up", new Alert(Alert.idOf("warm-up", "warm-up", warm),
                "warm-up", Severity.WARNING, "warm-up", warm, warm.plusSeconds(60), 0, 0, "warm-up",
                AlertState.RESOLVED, 1, warm, warm))).get(10, TimeUnit.SECONDS);

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
        robot.clickOn(inMainWindow("#startButton"));
        try {
            // The supplier form puts the last progress text in the failure message.
            await("connected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> text("#progressLabel"), t -> t.startsWith("Running"));
        } catch (ConditionTimeoutException e) {
            // A CI run once saw no progress at all for 60 s: show where the app's threads were.
            throw new AssertionError(e.getMessage() + "\n" + threads("paypulse-pipeline-ops", "JavaFX Application Thread"), e);
        }
        return this;
    }

    /**
     * The node in the app's own window (TestFX's primary stage): a lookup across all windows takes the
     * first match, and a window another part of the suite left behind can hold the same id.
     */
    Node inMainWindow(String query) {
        return robot.from(FxToolkit.toolkitContext().getRegisteredStage().getScene().getRoot()).lookup(query).query();
    }

    String bootstrap() {
        return SharedBroker.bootstrapServers();
    }

    /** An alert record as the engine writes it, last seen at the clock's now. */
    Alert alert(String rule, Severity severity, String group, Instant window, AlertState state, int occurrences) {
        return new Alert(Alert.idOf(rule, group, window), rule, severity, group, window, window.plusSeconds(60),
                62.5, 40, "Payment failure rate 62.5 % is above " + (severity == Severity.CRITICAL ? "40" : "25")
                + " %", state, occurrences, window.plusSeconds(65), clock.instant());
    }

    void publish(Alert a) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), a)).get(10, TimeUnit.SECONDS);
        published.put(a.id(), a);
    }

    String text(String query) {
        Node n = inMainWindow(query);
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }

    boolean visible(String query) {
        Node n = inMainWindow(query);
        return onFx(n::isVisible);
    }

    private static String threads(String... names) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (Arrays.asList(names).contains(t.getName())) {
                out.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement f : stack) {
                    out.append("    at ").append(f).append('\n');
                }
            }
        });
        return out.toString();
    }

    static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (producer != null) {
            for (Alert a : published.values()) {
                if (a.state() == AlertState.FIRING && a.severity() == Severity.CRITICAL) {
                    producer.send(new ProducerRecord<>(Topics.ALERTS, a.id(), new Alert(a.id(), a.rule(),
                            a.severity(), a.group(), a.windowStart(), a.windowEnd(), a.value(), a.threshold(),
                            a.message(), AlertState.RESOLVED, a.occurrences() + 1, a.firstSeen(), a.lastSeen())));
                }
            }
            producer.close();
        }
        if (app != null) {
            app.shutdownForTest().get(60, TimeUnit.SECONDS);
            FxToolkit.cleanupApplication(app);
        }
    }
}

package io.paypulse.app.alerts;

import io.paypulse.app.testing.RunningApp;
import io.paypulse.testing.MutableClock;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;

/**
 * The app on a real window (Monocle) watching the shared broker in Custom cluster mode, with a
 * clock the test moves. The test writes the engine's alert records to {@code payment-alerts}
 * itself. A JUnit extension: {@code @RegisterExtension final WatchingApp app = new WatchingApp();}. Test
 * classes share the broker's topics: each uses its own groups, and after each test the extension resolves
 * every CRITICAL the test left firing, so the next app's banner does not count it, then closes the app.
 */
final class WatchingApp implements BeforeEachCallback, AfterEachCallback {

    final FxRobot robot;
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private final Map<String, Alert> published = new LinkedHashMap<>();
    private final RunningApp running = new RunningApp();
    private KafkaProducer<String, Alert> producer;

    WatchingApp() {
        this.robot = running.robot();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        running.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            resolveAndCloseProducer();
        } finally {
            running.afterEach(context);
        }
    }

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

        running.in(dir).settings("{\"mode\": \"CUSTOM\", \"bootstrapServers\": \"" + bootstrap
                + "\", \"width\": 1280, \"height\": 800}").clock(clock).launch();
        running.startAndAwaitRunning(Duration.ofSeconds(60));
        return this;
    }

    Node inMainWindow(String query) {
        return running.inMainWindow(query);
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
        return running.text(query);
    }

    boolean visible(String query) {
        return running.visible(query);
    }

    static <T> T onFx(Callable<T> c) {
        return RunningApp.onFx(c);
    }

    /** A double-click on {@code node} ({@link RunningApp#doubleClick}). */
    void doubleClick(Node node) {
        running.doubleClick(node);
    }

    private void resolveAndCloseProducer() {
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
    }
}

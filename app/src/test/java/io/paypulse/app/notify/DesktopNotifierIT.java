package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.alert.RulesFile;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.AlertNotifier;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Message;
import io.paypulse.notify.NotifierOptions;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.NotificationsFile;
import io.paypulse.notify.Route;
import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceView;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The app's notifier end to end on a real broker: alerts in the alerts topic reach the desktop sender
 * (only the desktop contact point: the webhook one is the processor's), a silenced one does not, and
 * the receipts it writes come back through {@link DeliveryLog} as the feed's "Delivered" text.
 */
class DesktopNotifierIT {

    private static Alert alert(String rule, String group, Instant window) {
        return new Alert(Alert.idOf(rule, group, window), rule, Severity.CRITICAL, group, window, window.plusSeconds(60),
                52.3, 40, "52.3 % of payments failed", AlertState.FIRING, 1, window.plusSeconds(65),
                window.plusSeconds(65));
    }

    @Test
    void deliversDesktopAlertsOnlyAndNotSilencedOnesAndTheReceiptsShowInTheFeedText() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        String alerts = "alerts-it-" + suffix;
        String receipts = "receipts-it-" + suffix;
        SharedBroker.createTopics(Map.of(alerts, 1));
        Map<String, Object> client = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "desktop-notifier-it");
        ContactPoint desktop = NotificationsFile.defaults().contactPoints().get(0);
        ContactPoint hook = new ContactPoint("ops-hook", ContactPoint.Kind.WEBHOOK,
                URI.create("http://127.0.0.1:9/hook"), Map.of(), 10, true);
        Notifications notifications = new Notifications(List.of(desktop, hook),
                List.of(new Route(Set.of(), Set.of(), List.of("desktop", "ops-hook"))));
        Instant window = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
        Alert shown = alert("payment-failure-rate-critical", "Payment", window);
        Alert silenced = alert("payment-failure-rate-critical", "Refund", window);
        SilenceView silences = now -> List.of(new Silence("s1", silenced.rule(), "Refund", now.minusSeconds(60),
                now.plusSeconds(3600), "maintenance", "it"));
        List<Message> messages = new CopyOnWriteArrayList<>();
        try (DesktopTray tray = DesktopTray.start(new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB), () -> false,
                id -> { });
             DeliveryLog log = new DeliveryLog(client, receipts)) {
            DesktopSender sender = new DesktopSender(tray);
            log.start();
            try (AlertNotifier notifier = DesktopNotifier.start(client,
                    NotifierOptions.of("desktop-it-" + suffix).withTopics(alerts, receipts), notifications,
                    RulesFile.defaults(), silences, () -> m -> {
                        messages.add(m);
                        return sender.send(m);
                    }, Clock.systemUTC());
                 KafkaProducer<String, Alert> producer = new KafkaProducer<>(client, new StringSerializer(),
                         Topics.ALERT_VALUE.serializer())) {
                producer.send(new ProducerRecord<>(alerts, shown.id(), shown)).get();
                producer.send(new ProducerRecord<>(alerts, silenced.id(), silenced)).get();

                await("the receipts of both alerts").atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                    assertThat(log.deliveredTo().apply(shown.id())).isEqualTo("desktop ✓");
                    assertThat(log.deliveredTo().apply(silenced.id())).isEqualTo("silenced");
                });
                assertThat(messages).hasSize(1);
                assertThat(messages.get(0).notices().get(0).alertId()).isEqualTo(shown.id());
                assertThat(log.status("desktop").lastDelivery()).isNotNull();
                // The webhook is not served here (the processor delivers it): no receipt names it.
                assertThat(log.status("ops-hook")).isEqualTo(ReceiptStatus.NONE);
                assertThat(notifier.status()).anySatisfy(s -> {
                    assertThat(s.contactPoint().name()).isEqualTo("ops-hook");
                    assertThat(s.running()).isFalse();
                });
            }
        }
    }
}

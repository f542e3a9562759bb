package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.event.AlertState;
import io.paypulse.notify.DeliveryReceipt;
import io.paypulse.notify.DeliveryReceipt.Outcome;
import io.paypulse.notify.NotifySerdes;
import io.paypulse.testing.SharedBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The receipts reader against a real broker: started before the topic exists, then follows it. */
class DeliveryLogIT {

    private static final Instant T = Instant.parse("2026-12-03T10:42:03Z");

    @Test
    void readsReceiptsWrittenBeforeAndAfterItStartedAndSkipsTombstones() throws Exception {
        String topic = "notifications-it-" + System.nanoTime();
        Map<String, Object> client = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "delivery-log-it");
        try (DeliveryLog log = new DeliveryLog(client, topic)) {
            log.start(); // the topic does not exist yet: it waits for it
            SharedBroker.createTopics(Map.of(topic, 2));
            List<DeliveryReceipt> first = List.of(
                    new DeliveryReceipt("a1", AlertState.FIRING, "on-call", Outcome.DELIVERED, T, ""),
                    new DeliveryReceipt("a1", AlertState.FIRING, "desktop", Outcome.DELIVERED, T, ""),
                    new DeliveryReceipt("a2", AlertState.FIRING, "ops-hook", Outcome.FAILED, T.plusSeconds(1),
                            "HTTP 400 from 127.0.0.1:9000: not retried"));
            try (KafkaProducer<String, DeliveryReceipt> producer = new KafkaProducer<>(client,
                    new StringSerializer(), NotifySerdes.RECEIPT.serializer())) {
                for (DeliveryReceipt r : first) {
                    producer.send(new ProducerRecord<>(topic, r.key(), r)).get();
                }
                producer.send(new ProducerRecord<>(topic, "a9|FIRING|desktop", null)).get(); // a tombstone

                await("the first receipts").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(log.receiptsRead()).isEqualTo(first.size());
                    assertThat(log.deliveredTo().apply("a1")).isEqualTo("desktop ✓ · on-call ✓");
                    assertThat(log.deliveredTo().apply("a2")).isEqualTo("ops-hook ✗ HTTP 400");
                });

                DeliveryReceipt resolved = new DeliveryReceipt("a1", AlertState.RESOLVED, "on-call", Outcome.FAILED,
                        T.plusSeconds(60), "HTTP 503 from hooks.slack.com: gave up after 4 tries");
                producer.send(new ProducerRecord<>(topic, resolved.key(), resolved)).get();
                await("a receipt written while it follows").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(log.receiptsRead()).isEqualTo(first.size() + 1);
                    assertThat(log.deliveredTo().apply("a1")).isEqualTo("desktop ✓ · on-call ✗ HTTP 503");
                    assertThat(log.status("on-call").lastDelivery()).isEqualTo(T);
                    assertThat(log.status("on-call").lastError()).contains("gave up after 4 tries");
                });
            }
        }
    }
}

package io.paypulse.notify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link DeliveryReceipt}s to the compacted receipts topic (key {@code alertId|state|contactPoint}:
 * the latest outcome per alert update and contact point survives compaction). Thread-safe; a failed
 * write is logged, never thrown: a receipt is a record for people, delivery does not depend on it.
 */
final class Receipts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);

    private final KafkaProducer<String, DeliveryReceipt> producer;
    private final String topic;

    Receipts(Map<String, Object> client, String topic) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), NotifySerdes.RECEIPT.serializer());
        this.topic = topic;
    }

    void write(DeliveryReceipt receipt) {
        producer.send(new ProducerRecord<>(topic, receipt.key(), receipt), (meta, e) -> {
            if (e != null) {
                LOG.warn("Could not record the delivery receipt {} in {}: {}", receipt.key(), topic, e.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

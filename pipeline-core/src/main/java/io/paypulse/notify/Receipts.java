package io.paypulse.notify;

import io.paypulse.cluster.ClusterUnreachableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
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

    /**
     * Creates the receipts topic (one partition, {@code cleanup.policy=compact}) when it is missing.
     * TopicSetup.ensureCompacted (branch silences) does the same and also fixes the policy of an
     * existing topic; this one goes when both are merged.
     */
    static void ensureTopic(Admin admin, String topic, short replication, Duration timeout) {
        NewTopic wanted = new NewTopic(topic, Optional.of(1), replication > 0 ? Optional.of(replication) : Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created compacted topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ClusterUnreachableException("Could not create the compacted topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException("Could not create the compacted topic " + topic + " within "
                    + timeout.toSeconds() + " s.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("Interrupted while creating the topic " + topic + ".", e);
        }
    }
}

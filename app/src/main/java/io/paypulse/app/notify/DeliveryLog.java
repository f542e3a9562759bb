package io.paypulse.app.notify;

import io.paypulse.app.feed.ConsumerThread;
import io.paypulse.notify.DeliveryReceipt;
import io.paypulse.notify.DeliveryReceipt.Outcome;
import io.paypulse.notify.NotifySerdes;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts were delivered, read from the delivery receipts topic {@code payment-notifications}
 * (compacted, written by every notifier: the processor's and the app's). One consumer thread
 * ({@code delivery-log}), no consumer group, from the beginning and then following, in the style of
 * {@link io.paypulse.app.feed.TopicFeed}; it waits for the topic to appear.
 *
 * <p>Thread-safe: {@link #deliveredTo()} and {@link #status(String)} may be called from any thread
 * (the FX thread reads them on its tick). {@link #close()} wakes the consumer and waits, bounded.
 */
public final class DeliveryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
    /** Alerts remembered; the oldest are forgotten beyond (a day of alerts is far fewer). */
    static final int MAX_ALERTS = 20_000;

    private final Map<String, Object> props;
    private final String topic;
    private final Deserializer<DeliveryReceipt> receipts = NotifySerdes.RECEIPT.deserializer();
    private final Map<String, DeliveryRecord> byAlert = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeliveryRecord> eldest) {
            return size() > MAX_ALERTS;
        }
    };
    private final Map<String, ReceiptStatus> byContactPoint = new ConcurrentHashMap<>();
    private final ConsumerThread thread;
    private volatile long receiptsRead;

    /** Reads {@link Topics#NOTIFICATIONS}. @param clientProps bootstrap servers and client extras */
    public DeliveryLog(Map<String, Object> clientProps) {
        this(clientProps, Topics.NOTIFICATIONS, Workers.standard());
    }

    /** For tests on a shared broker: another topic name. */
    public DeliveryLog(Map<String, Object> clientProps, String topic) {
        this(clientProps, topic, Workers.standard());
    }

    public DeliveryLog(Map<String, Object> clientProps, String topic, Workers workers) {
        this.thread = new ConsumerThread("delivery-log", "The delivery receipts reader", workers);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props = p;
        this.topic = topic;
    }

    public void start() {
        thread.start(this::run, e -> LOG.error("Reading delivery receipts stopped: {}", e.toString(), e));
    }

    /** Short text per alert id for the feed's "Delivered" column; "" when nothing is known yet. */
    public Function<String, String> deliveredTo() {
        return alertId -> {
            synchronized (byAlert) {
                DeliveryRecord r = byAlert.get(alertId);
                return r == null ? "" : r.text();
            }
        };
    }

    /** Last delivery and last error of a contact point, by name. */
    public ReceiptStatus status(String contactPoint) {
        return byContactPoint.getOrDefault(contactPoint, ReceiptStatus.NONE);
    }

    /** Receipts read so far (tombstones and unreadable records not counted). */
    public long receiptsRead() {
        return receiptsRead;
    }

    /** Folds one receipt in; the consumer thread calls it, tests may too. */
    void onReceipt(DeliveryReceipt r) {
        synchronized (byAlert) {
            byAlert.computeIfAbsent(r.alertId(), id -> new DeliveryRecord()).add(r);
        }
        if (r.outcome() == Outcome.DELIVERED || r.outcome() == Outcome.GROUPED) {
            byContactPoint.compute(r.contactPoint(), (k, s) -> (s == null ? ReceiptStatus.NONE : s)
                    .delivered(r.at()));
        } else if (r.outcome() == Outcome.FAILED) {
            byContactPoint.compute(r.contactPoint(), (k, s) -> (s == null ? ReceiptStatus.NONE : s)
                    .failed(r.at(), r.detail()));
        }
        receiptsRead++;
    }

    private void run() throws InterruptedException {
        try (Consumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (!thread.register(c)) {
                return;
            }
            assign(c);
            while (!thread.stopping()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue; // a tombstone: compaction's business, nothing to show
                    }
                    try {
                        DeliveryReceipt receipt = receipts.deserialize(r.topic(), r.value());
                        if (receipt != null) {
                            onReceipt(receipt);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Skipping an unreadable delivery receipt at {}-{}@{}: {}", r.topic(),
                                r.partition(), r.offset(), e.toString());
                    }
                }
            }
        }
    }

    /** Waits until the topic exists (the first notifier creates it), then reads it from the start. */
    private void assign(Consumer<String, byte[]> c) throws InterruptedException {
        List<TopicPartition> parts = thread.awaitPartitions(c, List.of(topic), () -> { });
        c.assign(parts);
        c.seekToBeginning(parts);
        LOG.info("Delivery receipts: reading {} partitions of {}", parts.size(), topic);
    }

    @Override
    public void close() {
        thread.stop();
    }
}

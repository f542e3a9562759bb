package io.paypulse.notify;

import io.paypulse.event.Alert;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the alerts just before a committed offset with a throwaway consumer (no group), so a
 * restarted notifier remembers which buckets it already announced. Bounded in offsets and in time.
 */
final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Replay() {
    }

    /**
     * Hands every alert at offsets {@code [committed - window, committed)} of each partition to {@code sink},
     * in order, as one list.
     */
    static void read(Map<String, Object> client, Map<TopicPartition, Long> committed, int window,
            Consumer<List<Alert>> sink) {
        Map<String, Object> props = new HashMap<>(client);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "paypulse-notify-replay");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Alert> replayed = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(committed.keySet());
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(committed.keySet());
            Map<TopicPartition, Long> open = new HashMap<>();
            committed.forEach((tp, end) -> {
                long start = Math.max(beginning.getOrDefault(tp, 0L), end - window);
                if (start < end) {
                    consumer.seek(tp, start);
                    open.put(tp, end);
                }
            });
            consumer.pause(consumer.assignment());
            consumer.resume(open.keySet());
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = open.get(tp);
                    if (end == null || r.offset() >= end || r.value() == null) {
                        continue;
                    }
                    try {
                        replayed.add(Topics.ALERT_VALUE.deserializer().deserialize(r.topic(), r.value()));
                    } catch (KafkaException | IllegalArgumentException e) {
                        // not an alert: the live reader skipped it with a warning already
                    }
                }
                // Transaction markers and aborted records take offsets too: compare positions, not records.
                open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                consumer.pause(consumer.assignment());
                consumer.resume(open.keySet());
            }
            if (!open.isEmpty()) {
                LOG.warn("Could not re-read the alerts before the committed offsets of {} within {} s; a firing "
                        + "alert announced before the restart may be announced again", open.keySet(),
                        TIMEOUT.toSeconds());
            }
        }
        // One batch, as the live reader decides a poll: inhibition sees the whole window's alerts.
        sink.accept(replayed);
        LOG.debug("Replayed {} alert updates", replayed.size());
    }
}

package io.paypulse.bench;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.event.WindowAggregate;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows topic {@code payment-agg-1m} as a dashboard would: a {@code read_committed} consumer with
 * default fetch settings, no group, from the current end. Hands every update to a listener on its
 * own thread with the {@link System#nanoTime()} at which the poll returned it.
 */
final class AggregateFollower implements AutoCloseable {

    interface Listener {
        void onUpdate(long receivedNanos, WindowAggregate aggregate);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<WindowAggregate> values = Topics.AGGREGATE_VALUE.deserializer();
    private final Listener listener;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;

    AggregateFollower(String bootstrap, Listener listener) {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "bench-aggregate-follower");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.listener = listener;
        this.thread = new Thread(this::run, "bench-aggregate-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following from the topic's current end; returns once the position is known. */
    void start() throws InterruptedException {
        thread.start();
        if (!positioned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the aggregate follower could not find the end of " + Topics.AGGREGATES,
                    failure);
        }
    }

    private void run() {
        try {
            TopicPartition tp = new TopicPartition(Topics.AGGREGATES, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp, Duration.ofSeconds(20));
            positioned.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    listener.onUpdate(now, values.deserialize(r.topic(), r.value()));
                }
            }
        } catch (Throwable t) {
            failure = t;
            positioned.countDown();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}

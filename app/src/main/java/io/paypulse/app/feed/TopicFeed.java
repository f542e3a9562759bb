package io.paypulse.app.feed;

import io.paypulse.event.Alert;
import io.paypulse.event.WindowAggregate;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's only source of pipeline data: one consumer thread ({@code topic-feed}) reading
 * {@code payment-agg-1m} (from an hour back), {@code payment-alerts} (from a day back) and
 * {@code payment-dlq} (from the beginning, only counted), read_committed, without a consumer
 * group, folding every record into {@link LiveData}. Works the same against the embedded broker,
 * the Docker stack or any cluster.
 *
 * <p>{@link #close()} wakes the consumer and waits (bounded) for the thread to end; idempotent.
 */
public final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    /** How far back the live feed reads aggregates; {@link HistoryLoader} fills in what lies before. */
    static final Duration AGGREGATE_HISTORY = LiveData.RANGE.plusMinutes(1);
    private static final Duration ALERT_HISTORY = Duration.ofHours(24);
    private static final List<String> TOPICS = List.of(Topics.AGGREGATES, Topics.ALERTS, Topics.DLQ);

    private final Map<String, Object> props;
    private final LiveData data;
    private final Clock clock;
    private final ConsumerThread thread;
    private final Deserializer<WindowAggregate> aggregates = Topics.AGGREGATE_VALUE.deserializer();
    private final Deserializer<Alert> alerts = Topics.ALERT_VALUE.deserializer();

    /** @param clientProps bootstrap servers and client extras (see ClusterClients.base) */
    public TopicFeed(Map<String, Object> clientProps, LiveData data, Clock clock) {
        this(clientProps, data, clock, Workers.standard());
    }

    public TopicFeed(Map<String, Object> clientProps, LiveData data, Clock clock, Workers workers) {
        this.thread = new ConsumerThread("topic-feed", "The live feed", workers);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props = p;
        this.data = data;
        this.clock = clock;
    }

    public void start() {
        thread.start(this::run, e -> {
            LOG.error("The live feed stopped: {}", e.toString(), e);
            data.feedError("The live feed stopped: " + e.getMessage());
        });
    }

    private void run() throws InterruptedException {
        try (Consumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (!thread.register(c)) {
                return;
            }
            assign(c);
            while (!thread.stopping()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                long dead = 0;
                for (ConsumerRecord<String, byte[]> r : records) {
                    switch (r.topic()) {
                        case Topics.AGGREGATES -> decode(r, aggregates).ifPresent(data::onAggregate);
                        case Topics.ALERTS -> decode(r, alerts).ifPresent(data::onAlert);
                        default -> dead++;
                    }
                }
                data.onDeadLetters(dead);
            }
        }
    }

    /** Waits until the topics exist (the processor creates them), then seeks back in time. */
    private void assign(Consumer<String, byte[]> c) throws InterruptedException {
        List<TopicPartition> parts = thread.awaitPartitions(c, TOPICS,
                () -> data.feedError("Waiting for the pipeline topics to appear on the cluster."));
        if (thread.stopping()) {
            return;
        }
        data.feedError(null);
        c.assign(parts);
        long now = clock.millis();
        Map<TopicPartition, Long> when = new HashMap<>();
        for (TopicPartition tp : parts) {
            switch (tp.topic()) {
                case Topics.AGGREGATES -> when.put(tp, now - AGGREGATE_HISTORY.toMillis());
                case Topics.ALERTS -> when.put(tp, now - ALERT_HISTORY.toMillis());
                default -> c.seekToBeginning(List.of(tp));
            }
        }
        // The end offsets come first: "nothing that recent" then means "from here", not a lazy seek to
        // whatever the end is at the first poll, which skipped a record written in between.
        Map<TopicPartition, Long> ends = c.endOffsets(when.keySet(), Duration.ofSeconds(10));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(when, Duration.ofSeconds(10));
        for (TopicPartition tp : when.keySet()) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                c.seek(tp, ends.get(tp));
            } else {
                c.seek(tp, o.offset());
            }
        }
        LOG.info("Live feed reading {} partitions", parts.size());
    }

    private <T> Optional<T> decode(ConsumerRecord<String, byte[]> r, Deserializer<T> d) {
        try {
            return Optional.ofNullable(d.deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}

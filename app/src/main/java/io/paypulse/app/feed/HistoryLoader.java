package io.paypulse.app.feed;

import io.paypulse.event.WindowAggregate;
import io.paypulse.sink.AggregateFiles;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the charts' history after a (re)start from what the pipeline keeps, on its own thread
 * ({@code history-backfill}) so the live feed is not held up:
 *
 * <ol>
 *   <li>the daily aggregate CSVs in the output directory (final windows; only when this app's own sink
 *       writes them, i.e. the embedded pipeline), from {@link #RANGE} ago;</li>
 *   <li>then {@code payment-agg-1m} from where the files end (or from {@link #RANGE} ago without files,
 *       found with {@code offsetsForTimes}: a record's timestamp lies inside its window) up to where the
 *       live feed starts reading ({@link TopicFeed#AGGREGATE_HISTORY} ago, with a minute of overlap).</li>
 * </ol>
 * Everything goes to {@link LiveData#onHistory}: a final value replaces a live one for the same window
 * and group, and nothing here replaces what the live feed wrote. Failures are logged and shown as the
 * history note; the live charts keep working.
 *
 * <p>{@link #close()} wakes the consumer and waits (bounded) for the thread; idempotent.
 */
public final class HistoryLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLoader.class);
    /** The longest chart range. */
    public static final Duration RANGE = Duration.ofDays(7);
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final Map<String, Object> props;
    private final Path csvDir;
    private final LiveData data;
    private final Clock clock;
    private final Deserializer<WindowAggregate> aggregates = Topics.AGGREGATE_VALUE.deserializer();
    private final ConsumerThread thread;

    /**
     * @param clientProps bootstrap servers and client extras (see ClusterClients.base)
     * @param csvDir      the output directory of this app's own aggregate sink, or null (no files to read)
     */
    public HistoryLoader(Map<String, Object> clientProps, Path csvDir, LiveData data, Clock clock) {
        this(clientProps, csvDir, data, clock, Workers.standard());
    }

    public HistoryLoader(Map<String, Object> clientProps, Path csvDir, LiveData data, Clock clock, Workers workers) {
        this.thread = new ConsumerThread("history-backfill", "The history backfill", workers);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props = p;
        this.csvDir = csvDir;
        this.data = data;
        this.clock = clock;
    }

    public void start() {
        thread.start(this::run, e -> {
            LOG.warn("Could not rebuild the charts' history: {}", e.toString(), e);
            data.historyNote("History not loaded: " + e.getMessage());
        });
    }

    /** True once the backfill ended (done, failed or closed). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return thread.awaitDone(timeout);
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        Instant from = now.minus(RANGE);
        data.historyNote("Loading history…");
        Instant topicFrom = from;
        long fileRows = 0;
        if (csvDir != null) {
            Instant[] newest = {null};
            AggregateFiles.Result r = AggregateFiles.read(csvDir, from, a -> {
                data.onHistory(a);
                if (newest[0] == null || a.start().isAfter(newest[0])) {
                    newest[0] = a.start();
                }
            });
            fileRows = r.rows();
            if (r.skipped() > 0) {
                LOG.warn("History: skipped {} unreadable rows in the aggregate CSVs of {}", r.skipped(), csvDir);
            }
            if (newest[0] != null) {
                topicFrom = newest[0]; // the files hold every final window before this one
            }
        }
        long records = thread.stopping() ? 0 : readTopic(topicFrom, now.minus(TopicFeed.AGGREGATE_HISTORY).plus(OVERLAP));
        LOG.info("History rebuilt in {} ms: {} rows from the aggregate CSVs, {} records of {} since {}",
                (System.nanoTime() - t0) / 1_000_000, fileRows, records, Topics.AGGREGATES, topicFrom);
        data.historyNote(null);
    }

    /** Reads the aggregates whose record time is in [from, to); returns how many records it read. */
    private long readTopic(Instant from, Instant to) throws InterruptedException {
        if (!from.isBefore(to)) {
            return 0;
        }
        try (Consumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (!thread.register(c)) {
                return 0;
            }
            List<TopicPartition> parts = thread.awaitPartitions(c, List.of(Topics.AGGREGATES), () -> { });
            if (parts.isEmpty()) {
                return 0;
            }
            c.assign(parts);
            Map<TopicPartition, Long> fromTimes = new HashMap<>();
            Map<TopicPartition, Long> toTimes = new HashMap<>();
            parts.forEach(tp -> {
                fromTimes.put(tp, from.toEpochMilli());
                toTimes.put(tp, to.toEpochMilli());
            });
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(fromTimes, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndTimestamp> stops = c.offsetsForTimes(toTimes, Duration.ofSeconds(10));
            Map<TopicPartition, Long> stopAt = new HashMap<>();
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp s = starts.get(tp);
                OffsetAndTimestamp e = stops.get(tp);
                long stop = e == null ? ends.get(tp) : e.offset();
                if (s != null && s.offset() < stop) {
                    c.seek(tp, s.offset());
                    stopAt.put(tp, stop);
                }
            }
            c.assign(new ArrayList<>(stopAt.keySet()));
            long read = 0;
            while (!stopAt.isEmpty() && !thread.stopping()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = stopAt.get(tp);
                    if (stop == null || r.offset() >= stop) {
                        continue;
                    }
                    read++;
                    WindowAggregate a = decode(r);
                    if (a != null) {
                        data.onHistory(a);
                    }
                }
                for (TopicPartition tp : new ArrayList<>(stopAt.keySet())) {
                    if (c.position(tp) >= stopAt.get(tp)) {
                        stopAt.remove(tp);
                    }
                }
                if (!stopAt.isEmpty()) {
                    c.assign(new ArrayList<>(stopAt.keySet()));
                }
            }
            return read;
        }
    }

    private WindowAggregate decode(ConsumerRecord<String, byte[]> r) {
        try {
            return r.value() == null ? null : aggregates.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            LOG.warn("History: skipping an unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        thread.stop();
    }
}

package io.paypulse.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link PartitionLag} as the brokers see it now: a partition's end offset (last stable offset, i.e.
 * what a read-committed reader can get) minus the offset the Streams application has committed for
 * it, i.e. records in the topic that the processor has not processed and committed yet.
 *
 * <p>Why not the Streams consumer's {@code records-lag} metric (used before): it is the lag after
 * the consumer's latest <em>fetch</em>, so it reads 0 as soon as a backlog has been fetched into the
 * consumer's and the tasks' buffers, and it stays at that value while the stream thread is blocked
 * (a slow transaction commit on a loaded 3-broker cluster, seen for tens of seconds on the Docker
 * stack). A parse task that had no record for the idle timeout then took "lag 0" as "caught up"
 * and sent idle marks at wall-clock time while thousands of its records were still waiting: the
 * watermark overtook them and 17.6 % of a fresh start's events were declared late.
 *
 * <p>Offsets are read with an {@link Admin} client, asynchronously (its own I/O thread), at most once
 * per {@code refresh}, triggered by the callers; a caller gets the latest snapshot if it was
 * requested less than {@code maxAge} ago, else "unknown" (which a parse task treats as behind). A
 * partition without a committed offset counts from its log start (what the application's consumer
 * would read). Thread-safe. {@link #close()} closes the admin client.
 */
final class StreamsConsumerLag implements PartitionLag, AutoCloseable {

    /** As often as a parse task checks for idleness: a fresher "0" closes a backfill's last window sooner. */
    static final Duration REFRESH = Duration.ofMillis(250);
    /**
     * Older snapshots say nothing about "caught up now". Below the grace (5 s by default): a record
     * appended after a snapshot that read 0 was sent after it, so an idle mark at most this much later
     * cannot make it late.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(3);
    /** For {@link #unprocessed}: input seen pending this recently still counts as arriving. */
    static final Duration PENDING_MAX_AGE = Duration.ofSeconds(30);

    /** Far enough in the past to trigger a request, near enough that "now - NEVER" cannot overflow. */
    private static final long NEVER = Long.MIN_VALUE / 2;

    private record Snapshot(long requestedAtMs, Map<TopicPartition, Long> lag) {
    }

    private final Admin admin;
    private final String groupId;
    private final long refreshMs;
    private final long maxAgeMs;
    private final LongSupplier clockMs;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile long lastRequestMs = NEVER;
    private volatile Snapshot snapshot;

    /**
     * @param adminProps client properties of the cluster (bootstrap servers, security)
     * @param groupId    the Streams application id (its consumer group)
     */
    StreamsConsumerLag(Map<String, Object> adminProps, String groupId) {
        this(Admin.create(adminProps), groupId, REFRESH, MAX_AGE, System::currentTimeMillis);
    }

    StreamsConsumerLag(Admin admin, String groupId, Duration refresh, Duration maxAge, LongSupplier clockMs) {
        this.admin = admin;
        this.groupId = groupId;
        this.refreshMs = refresh.toMillis();
        this.maxAgeMs = maxAge.toMillis();
        this.clockMs = clockMs;
    }

    @Override
    public OptionalLong of(String topic, int partition) {
        Snapshot s = current(topic, maxAgeMs);
        if (s == null) {
            return OptionalLong.empty();
        }
        Long lag = s.lag().get(new TopicPartition(topic, partition));
        return lag == null ? OptionalLong.empty() : OptionalLong.of(lag);
    }

    @Override
    public OptionalLong unprocessed(String topic) {
        Snapshot s = current(topic, PENDING_MAX_AGE.toMillis());
        if (s == null) {
            return OptionalLong.empty();
        }
        long sum = 0;
        boolean any = false;
        for (Map.Entry<TopicPartition, Long> e : s.lag().entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                sum += Math.max(0, e.getValue());
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /** The snapshot if young enough; starts a refresh when the last one was requested a while ago. */
    private Snapshot current(String topic, long maxAge) {
        long now = clockMs.getAsLong();
        if (topics.add(topic)) {
            lastRequestMs = NEVER; // a new topic: ask now rather than after the refresh interval
        }
        if (now - lastRequestMs >= refreshMs && inFlight.compareAndSet(false, true)) {
            lastRequestMs = now;
            refresh(now);
        }
        Snapshot s = snapshot;
        return s != null && now - s.requestedAtMs() <= maxAge ? s : null;
    }

    /**
     * Committed offsets are requested before the end offsets: a commit in between can only make the
     * lag look larger (behind), never smaller.
     */
    private void refresh(long requestedAtMs) {
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata();
        KafkaFuture<Map<String, TopicDescription>> described = admin.describeTopics(Set.copyOf(topics)).allTopicNames();
        KafkaFuture.allOf(committed, described).whenComplete((ignored, error) -> {
            if (error != null) {
                inFlight.set(false); // keep the previous snapshot; it ages out and then counts as unknown
                return;
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> c = committed.get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                described.get().values().forEach(t -> t.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(t.name(), p.partition());
                    latest.put(tp, OffsetSpec.latest());
                    if (c.get(tp) == null) {
                        earliest.put(tp, OffsetSpec.earliest());
                    }
                }));
                ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
                KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends = admin.listOffsets(latest, options).all();
                KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts = earliest.isEmpty()
                        ? KafkaFuture.completedFuture(Map.of()) : admin.listOffsets(earliest, options).all();
                KafkaFuture.allOf(ends, starts).whenComplete((ignored2, error2) -> {
                    try {
                        if (error2 == null) {
                            snapshot = new Snapshot(requestedAtMs, lags(c, ends.get(), starts.get()));
                        }
                    } catch (Exception e) {
                        // as above: the previous snapshot ages out
                    } finally {
                        inFlight.set(false);
                    }
                });
            } catch (Exception e) {
                inFlight.set(false);
            }
        });
    }

    private static Map<TopicPartition, Long> lags(Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, ListOffsetsResultInfo> ends, Map<TopicPartition, ListOffsetsResultInfo> starts) {
        Map<TopicPartition, Long> out = new HashMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : starts.get(tp).offset();
            out.put(tp, Math.max(0, end.offset() - from));
        });
        return Map.copyOf(out);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

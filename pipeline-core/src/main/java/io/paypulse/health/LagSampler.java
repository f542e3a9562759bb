package io.paypulse.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Samples a consumer group's lag on one topic, per partition: end offset (last stable offset) minus
 * committed offset, and the age of the oldest unprocessed record, read from the timestamp of the
 * record at the committed offset (one small fetch per partition behind, none for a caught-up one).
 * Offsets are asked before the records are read, so a commit in between can only make the lag look
 * larger, never hide it.
 *
 * <p>Each {@link #sample()} is bounded by the timeout given (the offsets and the fetch each get at
 * most that long), so a dead cluster costs one timeout per sample and an answer that says so. Call
 * from one background thread at a time (synchronized; blocking I/O: never the FX thread). One admin
 * client and one group-less consumer serve every sample; {@link #close()} closes both.
 */
public final class LagSampler implements AutoCloseable {

    /** Small fetches: only the first record of each partition behind is looked at. */
    private static final int FETCH_BYTES = 64 * 1024;

    private final Map<String, Object> adminProps;
    private final Map<String, Object> consumerProps;
    private final String group;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;
    private Admin admin;
    private Consumer<byte[], byte[]> consumer;

    /**
     * @param clientProps bootstrap servers and client extras of the cluster (ClusterClients.base)
     * @param group       the consumer group (the processor's application id)
     * @param topic       the topic it consumes (the raw topic)
     * @param timeout     bound on each step of a sample
     * @param clock       ages are "now by this clock minus the record's timestamp"
     */
    public LagSampler(Map<String, Object> clientProps, String group, String topic, Duration timeout, Clock clock) {
        int ms = (int) timeout.toMillis();
        this.adminProps = new HashMap<>(clientProps);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        // as GroupProbe: a dead bootstrap address must not eat the whole timeout
        adminProps.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.max(100, ms / 3));
        adminProps.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.max(100, ms / 3));
        this.consumerProps = new HashMap<>(clientProps);
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Records deleted by retention since the commit: the oldest left is the oldest unprocessed.
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        consumerProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES * 4);
        consumerProps.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(ms, 1000));
        consumerProps.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.max(ms, 1000));
        this.group = group;
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
    }

    public String group() {
        return group;
    }

    public String topic() {
        return topic;
    }

    /** One sample; never throws for cluster trouble (the report carries one sentence instead). */
    public synchronized LagReport sample() {
        long ms = timeout.toMillis();
        try {
            if (admin == null) {
                admin = Admin.create(adminProps);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
            TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ms, TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            described.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                latest.put(tp, OffsetSpec.latest());
                if (committed.get(tp) == null) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            });
            ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest, readCommitted).all()
                    .get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                    : admin.listOffsets(earliest, readCommitted).all().get(ms, TimeUnit.MILLISECONDS);

            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, Long> behind = new HashMap<>();
            boolean anyCommitted = false;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                anyCommitted |= c != null;
                long start = c != null ? c.offset() : starts.get(tp).offset();
                from.put(tp, start);
                long end = ends.get(tp).offset();
                if (end > start) {
                    behind.put(tp, start);
                }
            }
            long now = clock.millis(); // ages against the time the offsets were read
            Map<TopicPartition, Long> oldest = oldestTimestamps(behind);
            List<PartitionLagRow> rows = new ArrayList<>();
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long start = from.get(tp);
                long end = ends.get(tp).offset();
                long records = Math.max(0, end - start);
                Long ts = oldest.get(tp);
                long age = records == 0 ? 0 : ts == null ? -1 : Math.max(0, now - ts);
                rows.add(new PartitionLagRow(tp.partition(), c == null ? -1 : c.offset(), end, records,
                        records == 0 || ts == null ? -1 : ts, age));
            }
            rows.sort(Comparator.comparingInt(PartitionLagRow::partition));
            return new LagReport(clock.instant(), group, topic, rows, anyCommitted, null);
        } catch (TimeoutException e) {
            return noAnswer(ms);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return noAnswer(ms); // the admin client's own deadline, e.g. no broker to ask
            }
            String why = cause instanceof UnknownTopicOrPartitionException
                    ? "the topic '" + topic + "' does not exist yet" : cause.getMessage();
            return LagReport.unreachable(clock.instant(), group, topic,
                    "The processor's lag could not be read: " + why + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LagReport.unreachable(clock.instant(), group, topic, "Lag sampling was interrupted.");
        } catch (RuntimeException e) {
            return LagReport.unreachable(clock.instant(), group, topic,
                    "The processor's lag could not be read: " + e.getMessage() + ".");
        }
    }

    private LagReport noAnswer(long ms) {
        return LagReport.unreachable(clock.instant(), group, topic,
                "The Kafka cluster did not answer within " + ms + " ms, so the processor's lag is unknown.");
    }

    /**
     * The timestamp of the first record at or after each given offset, fetched in one bounded poll
     * loop; partitions that return nothing in time are missing from the answer.
     */
    private Map<TopicPartition, Long> oldestTimestamps(Map<TopicPartition, Long> at) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (at.isEmpty()) {
            return out;
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        consumer.assign(at.keySet());
        at.forEach(consumer::seek);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < at.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofNanos(left))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                out.putIfAbsent(tp, r.timestamp());
                if (out.containsKey(tp)) {
                    consumer.pause(List.of(tp)); // one record is all this partition needs
                }
            }
        }
        consumer.resume(consumer.paused());
        consumer.assign(List.of());
        return out;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
            consumer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}

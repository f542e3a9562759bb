package io.paypulse.dlq;

import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.event.DeadLetter;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code payment-dlq} (committed records only, no consumer group, nothing committed): a
 * snapshot from a time (or the beginning) up to the end offsets taken when the read starts, so a
 * count and the re-drive that follows it see the same records ({@link Range}). Not thread-safe:
 * one reader per thread; every call blocks (call it off the FX thread).
 */
public final class DeadLetterQueue implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Duration timeout;
    private final String servers;

    /** Reads {@link Topics#DLQ}. @param clientProps bootstrap servers and the user's client settings */
    public DeadLetterQueue(Map<String, Object> clientProps, Duration timeout) {
        this(clientProps, Topics.DLQ, timeout);
    }

    /** For tests on a shared broker: another topic. */
    public DeadLetterQueue(Map<String, Object> clientProps, String topic, Duration timeout) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.timeout = timeout;
        this.servers = String.valueOf(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    public String topic() {
        return topic;
    }

    /** Where a read starts and ends, per partition of the DLQ; empty when the topic does not exist. */
    public record Range(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

        public boolean isEmpty() {
            return start.isEmpty();
        }
    }

    /** The range from {@code since} (null: the beginning) to the committed end, as it is now. */
    public Range range(Instant since) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
        if (infos == null || infos.isEmpty()) {
            return new Range(Map.of(), Map.of());
        }
        List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(tps, timeout));
            if (since != null) {
                Map<TopicPartition, Long> at = new HashMap<>();
                tps.forEach(tp -> at.put(tp, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, timeout);
                for (TopicPartition tp : tps) {
                    OffsetAndTimestamp o = found.get(tp);
                    start.put(tp, o == null ? end.get(tp) : Math.max(start.get(tp), o.offset()));
                }
            }
            return new Range(Map.copyOf(start), Map.copyOf(end));
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
    }

    /** Every dead letter of {@code range}, in offset order per partition, handed to {@code each}. */
    public void scan(Range range, Consumer<DlqRecord> each) {
        if (range.isEmpty()) {
            return;
        }
        List<TopicPartition> todo = new ArrayList<>();
        range.start().forEach((tp, s) -> {
            if (s < range.end().get(tp)) {
                todo.add(tp);
            }
        });
        if (todo.isEmpty()) {
            return;
        }
        consumer.assign(todo);
        consumer.resume(consumer.paused()); // a scan that failed half-way may have left some paused
        todo.forEach(tp -> consumer.seek(tp, range.start().get(tp)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!todo.isEmpty()) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                // Transaction markers and aborted records leave gaps: the position passes them without records.
                todo.removeIf(tp -> consumer.position(tp, timeout) >= range.end().get(tp));
                if (!todo.isEmpty() && System.nanoTime() - deadline > 0) {
                    throw new ClusterUnreachableException("Kafka at " + bootstrap() + " stopped sending " + topic
                            + " before its end within " + timeout.toSeconds() + " s.", null);
                }
                continue;
            }
            deadline = System.nanoTime() + timeout.toNanos();
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < range.end().get(tp)) {
                    each.accept(read(r));
                }
            }
            todo.removeIf(tp -> consumer.position(tp, timeout) >= range.end().get(tp));
            consumer.pause(consumer.assignment().stream().filter(tp -> !todo.contains(tp)).toList());
        }
        consumer.assign(List.of());
    }

    /** Counts and the newest {@code keep} matching records of the dead letters that {@code filter} selects. */
    public DlqSummary summary(DlqFilter filter, int keep) {
        DlqSummary s = new DlqSummary(filter, keep);
        scan(range(filter.since()), s::add);
        return s;
    }

    /** The dead letter at {@code partition}/{@code offset} of the DLQ, or null when there is none. */
    public DlqRecord at(int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        Range all = range(null);
        Long end = all.end().get(tp);
        if (end == null || offset < all.start().get(tp) || offset >= end) {
            return null;
        }
        DlqRecord[] found = new DlqRecord[1];
        scan(new Range(Map.of(tp, offset), Map.of(tp, offset + 1)), r -> found[0] = r);
        return found[0] != null && found[0].offset() == offset ? found[0] : null;
    }

    /** One DLQ record as a {@link DlqRecord}; a value that is not a dead letter becomes an "other" one saying so. */
    static DlqRecord read(ConsumerRecord<String, byte[]> r) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(Map.entry(SafeText.line(h.key(), 200),
                    h.value() == null ? "(null)" : SafeText.value(h.value())));
        }
        DeadLetter letter;
        DeadLetterCategory category;
        try {
            letter = Topics.DLQ_VALUE.deserializer().deserialize(r.topic(), r.value());
            if (letter == null) {
                throw new IllegalArgumentException("the value is null");
            }
            DeadLetterCategory tagged = DeadLetterCategory.fromHeader(
                    DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.CATEGORY));
            category = tagged != null ? tagged : DeadLetterCategory.classify(letter.reason());
        } catch (RuntimeException e) {
            letter = DeadLetter.of("this record of " + r.topic() + " is not a PayPulse dead letter: "
                    + e.getMessage(), r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                    r.key(), r.value());
            category = DeadLetterCategory.OTHER;
        }
        return new DlqRecord(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), category, letter, headers,
                DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REDRIVE_OF));
    }

    private ClusterUnreachableException unreachable(Exception e) {
        return new ClusterUnreachableException("Kafka at " + bootstrap() + " did not answer within "
                + timeout.toSeconds() + " s; check --bootstrap and that the cluster is running.", e);
    }

    private String bootstrap() {
        return servers;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

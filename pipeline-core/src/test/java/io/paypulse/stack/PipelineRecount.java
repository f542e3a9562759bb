package io.paypulse.stack;

import io.paypulse.event.Alert;
import io.paypulse.event.Group;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.Topics;
import io.paypulse.event.WindowAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An independent recount of a running pipeline, from the host: reads the raw topic, the window
 * aggregates and the alerts from the beginning (committed records only) and keeps, per
 * {@link Group}, the events and cents of the raw topic and of the final windows, when the first
 * aggregate counting events arrived, and the alerts seen. Single-threaded: the test thread polls.
 */
final class PipelineRecount implements AutoCloseable {

    /** Events and cents by group index. */
    record Totals(long[] counts, long[] cents) {
        Totals() {
            this(new long[Group.ALL.size()], new long[Group.ALL.size()]);
        }

        void add(Group g, long events, long amountCents) {
            counts[g.index()] += events;
            cents[g.index()] += amountCents;
        }

        long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        Map<String, String> byGroup() {
            Map<String, String> out = new HashMap<>();
            for (Group g : Group.ALL) {
                out.put(g.key(), counts[g.index()] + "/" + io.paypulse.event.Money.format(cents[g.index()]));
            }
            return out;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> rawPartitions = new ArrayList<>();
    final Totals raw = new Totals();
    final Totals finals = new Totals();
    final List<Alert> alerts = new ArrayList<>();
    final List<WindowAggregate> aggregates = new ArrayList<>();
    /** System.nanoTime() when the first aggregate counting at least one event was read, or 0. */
    long firstCountingAggregateNanos;

    PipelineRecount(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Only committed records: the processor writes exactly-once.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
    }

    /** Assigns every partition of the three topics once they all exist; false while one is missing. */
    boolean assign() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(Topics.RAW, Topics.AGGREGATES, Topics.ALERTS)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (org.apache.kafka.common.errors.TimeoutException slow) {
                return false;
            }
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        rawPartitions.clear();
        all.stream().filter(tp -> tp.topic().equals(Topics.RAW)).forEach(rawPartitions::add);
        consumer.assign(all);
        consumer.seekToBeginning(all);
        return true;
    }

    void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            switch (r.topic()) {
                case Topics.RAW -> {
                    LogEvent e = Topics.RAW_VALUE.deserializer().deserialize(r.topic(), r.value());
                    PaymentMessage m = PaymentMessage.parse(e.message());
                    raw.add(Group.of(m.type(), m.failed()), 1, m.amountCents());
                }
                case Topics.AGGREGATES -> {
                    WindowAggregate a = Topics.AGGREGATE_VALUE.deserializer().deserialize(r.topic(), r.value());
                    aggregates.add(a);
                    if (a.eventCount() > 0 && firstCountingAggregateNanos == 0) {
                        firstCountingAggregateNanos = System.nanoTime();
                    }
                    if (a.isFinal()) {
                        finals.add(a.group(), a.eventCount(), a.totalAmountCents());
                    }
                }
                case Topics.ALERTS -> alerts.add(Topics.ALERT_VALUE.deserializer().deserialize(r.topic(), r.value()));
                default -> throw new IllegalStateException("unexpected topic " + r.topic());
            }
        }
    }

    /** True when every raw partition has been read up to its end (last stable offset) as of now. */
    boolean rawReadToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(rawPartitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> positions = new HashMap<>();
        rawPartitions.forEach(tp -> positions.put(tp, consumer.position(tp, Duration.ofSeconds(30))));
        return positions.equals(ends);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

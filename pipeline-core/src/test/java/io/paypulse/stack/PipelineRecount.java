package io.paypulse.stack;

import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.Group;
import io.paypulse.event.LogEvent;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.WindowAggregate;
import io.paypulse.generate.GeneratorTally;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An independent recount of a running pipeline, from the host: reads the raw topic, the window
 * aggregates and the alerts from the beginning (committed records only) and keeps, per
 * {@link Group}, the events and cents of the raw topic and of the final windows, when the first
 * aggregate counting events arrived, the alerts and dead letters seen, and every final window
 * that was read more than once. Single-threaded: the test thread polls.
 *
 * <p>Public for the pipeline ITs that run the processor as CLI processes (ProcessorFailoverIT).
 */
public final class PipelineRecount implements AutoCloseable {

    /** Events and cents by group index. */
    public record Totals(long[] counts, long[] cents) {
        public Totals() {
            this(new long[Group.ALL.size()], new long[Group.ALL.size()]);
        }

        void add(Group g, long events, long amountCents) {
            counts[g.index()] += events;
            cents[g.index()] += amountCents;
        }

        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        /** "count/amount" by group key, the form the generator prints its tally in. */
        public Map<String, String> byGroup() {
            Map<String, String> out = new HashMap<>();
            for (Group g : Group.ALL) {
                out.put(g.key(), counts[g.index()] + "/" + Money.format(cents[g.index()]));
            }
            return out;
        }
    }

    /** A generator's tally in the form of {@link Totals#byGroup()}. */
    public static Map<String, String> byGroup(GeneratorTally tally) {
        Map<String, String> out = new HashMap<>();
        for (Group g : Group.ALL) {
            out.put(g.key(), tally.count(g) + "/" + Money.format(tally.sumCents(g)));
        }
        return out;
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> rawPartitions = new ArrayList<>();
    public final Totals raw = new Totals();
    public final Totals finals = new Totals();
    public final List<Alert> alerts = new ArrayList<>();
    public final List<WindowAggregate> aggregates = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    /** Final windows (start, group) read more than once: must stay empty, a final result is written once. */
    public final List<String> finalsSeenTwice = new ArrayList<>();
    private final Set<String> finalsSeen = new HashSet<>();
    /** System.nanoTime() when the first aggregate counting at least one event was read, or 0. */
    public long firstCountingAggregateNanos;

    public PipelineRecount(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Only committed records: the processor writes exactly-once.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
    }

    /** Assigns every partition of the four topics once they all exist; false while one is missing. */
    public boolean assign() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(Topics.RAW, Topics.AGGREGATES, Topics.ALERTS, Topics.DLQ)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (TimeoutException slow) {
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

    public void poll() {
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
                        String window = a.start() + " " + a.group().key();
                        if (!finalsSeen.add(window)) {
                            finalsSeenTwice.add(window);
                        }
                    }
                }
                case Topics.ALERTS -> alerts.add(Topics.ALERT_VALUE.deserializer().deserialize(r.topic(), r.value()));
                case Topics.DLQ -> deadLetters.add(Topics.DLQ_VALUE.deserializer().deserialize(r.topic(), r.value()));
                default -> throw new IllegalStateException("unexpected topic " + r.topic());
            }
        }
    }

    /** True when every raw partition has been read up to its end (last stable offset) as of now. */
    public boolean rawReadToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(rawPartitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> positions = new HashMap<>();
        rawPartitions.forEach(tp -> positions.put(tp, consumer.position(tp, Duration.ofSeconds(30))));
        return positions.equals(ends);
    }

    /**
     * Polls until the final windows count {@code events} and the raw topic is read to its end, or
     * until {@code within} has passed (the caller's assertions then say what is missing); then polls
     * once more, so that anything counted twice would be read too.
     */
    public void awaitFinals(long events, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (finals.total() < events || !rawReadToEnd()) {
            if (System.nanoTime() > deadline) {
                break;
            }
            poll();
        }
        poll();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

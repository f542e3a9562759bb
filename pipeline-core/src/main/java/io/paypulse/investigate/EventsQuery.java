package io.paypulse.investigate;

import io.paypulse.event.ParsedEvent;
import io.paypulse.schema.RawEventReader;
import io.paypulse.sink.ParsedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the raw events of a time window back from the raw topic ({@code payment}, or another name for
 * tests), without a consumer group and without committing anything.
 *
 * <p>Where to start and stop, per partition: from the first offset whose record timestamp is at or after
 * {@code from} ({@code offsetsForTimes}); up to the end offset taken when the query starts, or the first
 * record whose timestamp is at or after {@code to + lateness}, whichever comes first. Record timestamps
 * are when the producer sent an event, at or after its event time, so an event of the window is found
 * unless it was sent more than {@code lateness} after the window closed (a replay, a re-drive). Each
 * record is then parsed exactly as the parsed CSV sink parses it ({@link ParsedRows}) and kept when
 * {@link EventFilter#matches} it; records the processor rejects are counted and skipped.
 *
 * <p>{@link #follow} keeps reading new records until {@link #stop()}. Threads: one thread runs
 * {@link #read}/{@link #follow} (the Kafka consumer is single-threaded); {@link #stop()} may be called from
 * any thread. Close after the read returns.
 */
public final class EventsQuery implements AutoCloseable {

    /** How long after the window's end an event may have been sent and still be found. */
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final ParsedRows rows;
    private final Duration lateness;
    private final Duration timeout;
    private final String servers;
    private volatile boolean stopped;

    /**
     * @param clientProps bootstrap servers and client extras (SASL, TLS); group and offset settings are ours
     * @param rows        how records become events: the parsed CSV sink's reader
     * @param timeout     how long the cluster may stay silent before the query gives up
     */
    public EventsQuery(Map<String, Object> clientProps, String topic, ParsedRows rows, Duration lateness,
            Duration timeout) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a mistyped --topic must not create one
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "paypulse-events");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.servers = String.valueOf(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.rows = rows;
        this.lateness = lateness;
        this.timeout = timeout;
    }

    /** A query of the raw topic with the sink's own reader (plain JSON) and the default lateness. */
    public static EventsQuery of(Map<String, Object> clientProps, String topic, Duration timeout) {
        return new EventsQuery(clientProps, topic, new ParsedRows(RawEventReader.local(),
                Clock.systemUTC()), DEFAULT_LATENESS, timeout);
    }

    /**
     * Reads the filter's window once and returns; {@code batches} gets the matching events of each poll
     * (never an empty list), in partition order within a poll.
     *
     * @throws EventsException when the topic does not exist or the cluster does not answer in time
     */
    public QueryStats read(EventFilter filter, Consumer<List<ParsedEvent>> batches) {
        return read(filter, batches, s -> { });
    }

    /** {@link #read(EventFilter, Consumer)} with the counts so far after every poll (a long window shows progress). */
    public QueryStats read(EventFilter filter, Consumer<List<ParsedEvent>> batches, Consumer<QueryStats> progress) {
        return run(filter, batches, progress, false);
    }

    /**
     * Reads from {@code filter.from()} (now when null) and then follows new records until {@link #stop()};
     * {@code progress} gets the counts after every poll.
     */
    public QueryStats follow(EventFilter filter, Consumer<List<ParsedEvent>> batches, Consumer<QueryStats> progress) {
        return run(filter, batches, progress, true);
    }

    /** Ends a running {@link #read} or {@link #follow} soon; any thread. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private QueryStats run(EventFilter filter, Consumer<List<ParsedEvent>> batches, Consumer<QueryStats> progress,
            boolean follow) {
        long scanned = 0;
        long matched = 0;
        long unparseable = 0;
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = follow ? Map.of() : consumer.endOffsets(partitions, timeout);
            Set<TopicPartition> open = new HashSet<>(partitions);
            seekToStart(filter.from(), partitions, follow, end, open);
            long stopAtMs = filter.to() == null ? Long.MAX_VALUE : filter.to().plus(lateness).toEpochMilli();
            long quietSince = System.nanoTime();
            while (!stopped && (follow || !open.isEmpty())) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                List<ParsedEvent> found = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!follow && (!open.contains(tp) || r.offset() >= end.get(tp) || r.timestamp() >= stopAtMs)) {
                        close(tp, open);
                        continue;
                    }
                    scanned++;
                    ParsedEvent e = rows.read(r);
                    if (e == null) {
                        unparseable++;
                    } else if (filter.matches(e)) {
                        matched++;
                        found.add(e);
                    }
                }
                if (!found.isEmpty()) {
                    batches.accept(found);
                }
                progress.accept(new QueryStats(scanned, matched, unparseable));
                if (follow) {
                    continue;
                }
                for (TopicPartition tp : List.copyOf(open)) {
                    if (consumer.position(tp, timeout) >= end.get(tp)) {
                        close(tp, open); // control records (transactions) may end a partition without a record
                    }
                }
                if (!polled.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > timeout.toNanos()) {
                    throw new EventsException("Kafka at " + servers + " sent nothing from " + topic + " for "
                            + timeout.toSeconds() + " s while " + open.size()
                            + " partition(s) still had records to read; check that the cluster is running.", null);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } catch (TimeoutException e) {
            throw new EventsException("Kafka at " + servers + " did not answer within " + timeout.toSeconds()
                    + " s; check the bootstrap servers and that the cluster is running.", e);
        }
        return new QueryStats(scanned, matched, unparseable);
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (TimeoutException e) {
            throw new EventsException("Kafka at " + servers + " did not answer within " + timeout.toSeconds()
                    + " s; check the bootstrap servers and that the cluster is running.", e);
        } catch (WakeupException e) {
            throw e; // stop() before the first poll
        } catch (KafkaException e) {
            throw new EventsException("Cannot read topic " + topic + " from Kafka at " + servers + ": "
                    + e.getMessage() + ".", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new EventsException("Topic " + topic + " does not exist on Kafka at " + servers
                    + "; start the pipeline (or the generator) first.", null);
        }
        List<TopicPartition> out = new ArrayList<>();
        infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        out.sort(Comparator.comparingInt(TopicPartition::partition));
        return out;
    }

    /** Seeks every partition to its first record at or after {@code from}; a partition with none is done. */
    private void seekToStart(Instant from, List<TopicPartition> partitions, boolean follow,
            Map<TopicPartition, Long> end, Set<TopicPartition> open) {
        if (from == null) {
            if (follow) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(tp -> at.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, timeout);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found.get(tp);
            if (o != null) {
                consumer.seek(tp, o.offset());
            } else if (follow) {
                consumer.seekToEnd(List.of(tp)); // nothing that late yet: only what comes next
            } else {
                close(tp, open);
            }
        }
        if (!follow) {
            for (TopicPartition tp : List.copyOf(open)) {
                if (found.get(tp).offset() >= end.get(tp)) {
                    close(tp, open);
                }
            }
        }
    }

    private void close(TopicPartition tp, Set<TopicPartition> open) {
        if (open.remove(tp)) {
            consumer.pause(List.of(tp));
        }
    }
}

package io.paypulse.bench;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.Scenario;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.generate.PythonLogFormat;
import io.paypulse.topic.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pre-fills topic {@code payment} as the original project's generator would have over a long run:
 * the generator's own {@link EventFactory} (normal scenario), written by {@link PythonLogFormat},
 * keyed by user id, at {@value #EVENTS_PER_SECOND} events per second of EVENT time from
 * {@code firstEventTime} (event i at +i × 500 µs), sent as fast as the broker takes them with the
 * generator's producer settings. Every acknowledged event goes into a {@link WindowGroundTruth}.
 */
final class UsersShapeFill {

    static final int EVENTS_PER_SECOND = 2_000;
    private static final long NANOS_PER_EVENT = 1_000_000_000L / EVENTS_PER_SECOND;

    /**
     * @param visibleNanos {@link System#nanoTime()} when the batch became readable: after the last
     *                     acknowledgement, or after the commit of a one-transaction fill
     */
    record Result(long events, double seconds, Instant firstEventTime, Instant lastEventTime, WindowGroundTruth truth,
            long visibleNanos) {
        double perSecond() {
            return events / seconds;
        }
    }

    private UsersShapeFill() {
    }

    static Result run(String bootstrap, long events, Instant firstEventTime, long seed) {
        return run(bootstrap, events, firstEventTime, seed, false);
    }

    /**
     * @param oneTransaction send the whole batch in one transaction: read-committed readers (the
     *                       processor, the sink) see none of it until the commit, then all of it, so
     *                       their rate is measured without the producer sharing the cores
     */
    static Result run(String bootstrap, long events, Instant firstEventTime, long seed, boolean oneTransaction) {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "bench-users-shape-fill");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"); // as Generator.producerConfig
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (oneTransaction) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-users-shape-fill-" + seed);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000);
        }
        WindowGroundTruth truth = new WindowGroundTruth();
        EventFactory factory = new EventFactory(seed);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Instant last = firstEventTime;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            if (oneTransaction) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (long i = 0; i < events; i++) {
                Instant at = firstEventTime.plusNanos(i * NANOS_PER_EVENT);
                GeneratedEvent e = factory.next(at, Scenario.NORMAL);
                last = at;
                producer.send(new ProducerRecord<>(Topics.RAW, e.key(), PythonLogFormat.bytes(e.event())),
                        (md, error) -> {
                            if (error == null) {
                                truth.add(at, e.message());
                                acknowledged.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
            if (oneTransaction && failure.get() == null) {
                producer.commitTransaction();
            }
        }
        long visible = System.nanoTime();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null || acknowledged.get() != events) {
            throw new IllegalStateException("the fill had " + acknowledged.get() + " of " + events
                    + " events acknowledged", failure.get());
        }
        return new Result(events, seconds, firstEventTime, last, truth, visible);
    }
}

package io.paypulse.process;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.process.errors.DeadLetterCounts;
import io.paypulse.process.errors.DeadLetterDeserializationHandler;
import io.paypulse.process.errors.DeadLetterProcessingHandler;
import io.paypulse.process.errors.DeadLetterProductionHandler;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties for the processor, tuned for low latency under exactly-once. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    /** The settings with exception handlers that count in a throwaway {@link ProcessorStats}. */
    public static Properties of(PayPulseConfig config) {
        return of(config, new ProcessorStats());
    }

    /** @param stats where the exception handlers count the records they send to the DLQ */
    public static Properties of(PayPulseConfig config, ProcessorStats stats) {
        Properties p = new Properties();
        Map<String, Object> base = ClusterClients.base(config, config.processor().applicationId());
        base.remove("client.id");
        p.putAll(base);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.processor().applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.dataDir().resolve("streams").toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processor().guarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.processor().commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.processor().threads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replication());
        // Opt in now to what becomes the default in Kafka 5.0 (and silences a warning at every start).
        p.put("processing.exception.handler.global.enabled", true);
        // Kafka's partition assignor builds a second StreamsConfig from the main consumer's settings
        // only, and warns again unless the consumer gets the flag too.
        p.put(StreamsConfig.mainConsumerPrefix("processing.exception.handler.global.enabled"), true);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        // Streams' own producer lingers 100 ms by default; 5 ms keeps event-to-chart latency low.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.putAll(errorHandling(stats));
        return p;
    }

    /**
     * No record can stop the processor: the processing, production and deserialization exception
     * handlers send a record that throws to {@code payment-dlq} (bounded, with the reason), count it
     * in {@code stats} and go on; only failures that are not the record's (the Schema Registry down,
     * a broken state store) stop it. Kafka's own DLQ setting ({@code errors.dead.letter.queue.topic.name})
     * stays unset: its records copy the raw value unbounded, which is how a large value once made
     * the DLQ write itself fail.
     */
    public static Properties errorHandling(ProcessorStats stats) {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(DeadLetterCounts.CONFIG, stats);
        p.put("processing.exception.handler.global.enabled", true); // see of(): Kafka 5.0's default
        return p;
    }

    /**
     * {@link #of(PayPulseConfig, ProcessorStats)} plus who this instance is, so a restart takes its own place at once
     * (issue 10 §2): static membership with the instance's stable id, and a session timeout that
     * fits one machine. The transactional ids come from {@link StableTransactionalIds}.
     */
    public static Properties of(PayPulseConfig config, ProcessorStats stats, InstanceIdentity identity) {
        Properties p = of(config, stats);
        // Streams appends -<thread index>; the main consumer only (restore consumers have no group).
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), identity.groupInstanceId());
        // Static members do not leave on a crash: if an instance does not come back, its partitions
        // wait this long for another member. 45 s (Kafka's default) is long for a one-machine
        // pipeline; 10 s still rides out a GC pause or a slow disk. kafka.session.timeout.ms wins.
        if (!config.kafka().containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        }
        return p;
    }

    static final int SESSION_TIMEOUT_MS = 10_000;
}

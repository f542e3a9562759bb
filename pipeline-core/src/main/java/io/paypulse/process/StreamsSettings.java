package io.paypulse.process;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PaypulseConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties for the processor, tuned for low latency under exactly-once. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Properties of(PaypulseConfig config) {
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
        return p;
    }

    /**
     * {@link #of(PaypulseConfig)} plus who this instance is, so a restart takes its own place at once
     * (issue 10 §2): static membership with the instance's stable id, and a session timeout that
     * fits one machine. The transactional ids come from {@link StableTransactionalIds}.
     */
    public static Properties of(PaypulseConfig config, InstanceIdentity identity) {
        Properties p = of(config);
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

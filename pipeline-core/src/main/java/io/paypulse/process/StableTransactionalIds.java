package io.paypulse.process;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients, except that each exactly-once producer gets the transactional id of
 * {@link InstanceIdentity} instead of {@code <application.id>-<random process id>-<thread index>}.
 * With the same id after a restart, the new producer's {@code initTransactions} bumps the epoch and
 * aborts the killed instance's open transaction at once; with a new id that transaction stays open
 * (and holds back every read-committed reader of its partitions) until its timeout.
 */
final class StableTransactionalIds implements KafkaClientSupplier {

    private final InstanceIdentity identity;

    StableTransactionalIds(InstanceIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(withStableId(config), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Streams' config with its transactional id (if any) replaced; the thread index is kept. */
    Map<String, Object> withStableId(Map<String, Object> config) {
        Object given = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (given == null) {
            return config;
        }
        String s = given.toString();
        Map<String, Object> c = new HashMap<>(config);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, identity.transactionalId(s.substring(s.lastIndexOf('-') + 1)));
        return c;
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

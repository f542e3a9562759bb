package io.paypulse.dlq;

import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends dead letters' original records back to {@code payment}: the kept value (whole, never a cut
 * one), the original key, a {@link DeadLetterHeaders#REDRIVE_OF} header with the record's identity,
 * and a partition that is the same for every re-drive of one identity (see {@link RedriveIdentity}).
 * The processor counts a re-driven identity at most once however often it is sent (docs/dead-letters.md).
 * Blocking; not thread-safe.
 */
public final class Redriver implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String target;
    private final Duration timeout;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private int partitions = -1;

    /** Sends to {@link Topics#RAW}. */
    public Redriver(Map<String, Object> clientProps, Duration timeout) {
        this(clientProps, Topics.RAW, timeout);
    }

    /** For tests: another target topic. */
    public Redriver(Map<String, Object> clientProps, String target, Duration timeout) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(p);
        this.target = target;
        this.timeout = timeout;
    }

    /**
     * Sends {@code r}'s original record (asynchronously; {@link #finish} waits for all).
     *
     * @return null when sent, else the one sentence why it cannot be re-driven
     */
    public String send(DlqRecord r) {
        String why = r.whyNotRedrivable();
        if (why != null) {
            return why;
        }
        String identity = r.identity();
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(target,
                RedriveIdentity.targetPartition(r.letter(), identity, partitions()), r.letter().key(), r.letter().value());
        out.headers().add(DeadLetterHeaders.REDRIVE_OF, DeadLetterHeaders.bytes(identity));
        pending.add(producer.send(out));
        return null;
    }

    /** Waits until every record sent so far is acknowledged; returns how many were. */
    public int finish() {
        producer.flush();
        int n = 0;
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                n++;
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterUnreachableException("Re-driving to " + target + " failed after " + n + " of "
                    + pending.size() + " records: " + (e.getCause() == null ? e : e.getCause()).getMessage()
                    + " (re-driving the rest again is safe: the processor counts each record once).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("Interrupted while re-driving to " + target + ".", e);
        } finally {
            pending.clear();
        }
        return n;
    }

    private int partitions() {
        if (partitions < 0) {
            List<PartitionInfo> infos;
            try {
                infos = producer.partitionsFor(target);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new ClusterUnreachableException("Kafka did not say within " + timeout.toSeconds()
                        + " s how many partitions " + target + " has.", e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new ClusterUnreachableException("Topic " + target + " does not exist on this cluster: there is "
                        + "nowhere to re-drive to (paypulse topics ensure creates it).", null);
            }
            partitions = infos.size();
        }
        return partitions;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

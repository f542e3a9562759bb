package io.paypulse.process.errors;

import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.DeadLetter;
import io.paypulse.schema.SchemaRegistryException;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * What the three exception handlers share: the DLQ record they hand back to Kafka Streams (a
 * bounded {@link DeadLetter}, sent by Streams in the task's transaction), the reason sentence, the
 * {@link DeadLetterCounts} they count in, and the test of whether an exception is the record's fault.
 */
final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /** The counts the processor passes in the config under {@link DeadLetterCounts#CONFIG}, or none. */
    static DeadLetterCounts stats(Map<String, ?> configs) {
        Object s = configs.get(DeadLetterCounts.CONFIG);
        return s instanceof DeadLetterCounts counts ? counts : DeadLetterCounts.NONE;
    }

    /** One DLQ record in {@link Topics#DLQ_VALUE} format (the same shape as the parse step's dead letters). */
    static List<ProducerRecord<byte[], byte[]>> of(String reason, String topic, int partition, long offset,
            long timestamp, byte[] key, byte[] value) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetter.of(reason, topic, partition, offset,
                timestamp < 0 ? null : Instant.ofEpochMilli(timestamp), keyText, value);
        byte[] json = Topics.DLQ_VALUE.serializer().serialize(Topics.DLQ, letter);
        byte[] dlqKey = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.DLQ, null, timestamp < 0 ? null : timestamp,
                dlqKey, json);
        // The handlers' sentences name their category (unparseable for an unreadable source, else other).
        out.headers().add(DeadLetterHeaders.CATEGORY, DeadLetterHeaders.bytes(DeadLetterCategory.classify(reason).word()));
        return List.of(out);
    }

    /** "{@code IllegalArgumentException: Timestamp may not be negative. Got: -1}" for the innermost cause. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Whether the exception comes from the environment rather than the record: the Schema Registry
     * is unreachable, a state store broke, the task moved. Then the record must not be dead-lettered:
     * the processor stops before its offset is committed, so it is read again after a restart.
     */
    static boolean notTheRecordsFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException || t instanceof ProcessorStateException
                    || t instanceof InvalidStateStoreException || t instanceof TaskMigratedException
                    || t instanceof TaskCorruptedException || t instanceof InterruptedException
                    || t instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }
}

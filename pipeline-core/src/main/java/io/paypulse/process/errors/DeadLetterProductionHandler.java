package io.paypulse.process.errors;

import io.paypulse.event.Topics;
import io.paypulse.process.ProcessorStats;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' production exception handler (KIP-1034 / KIP-1065): an output record that cannot
 * be serialized or that the broker refuses for itself (too large, bad timestamp) is replaced by a
 * bounded dead letter of the input record (or of the output, when Streams has already let go of the
 * input's bytes) and processing goes on. A retriable error (broker slow or away) is retried, as
 * Kafka's default handler does. A dead letter that cannot be written is logged and counted, never
 * dead-lettered again.
 *
 * <p>Prevention comes first: dead letters are bounded ({@link io.paypulse.event.DeadLetter}) and
 * the parse step rejects outsized keys, so no record we write should reach this handler.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private ProcessorStats stats = new ProcessorStats();

    @Override
    public void configure(Map<String, ?> configs) {
        stats = DeadLetterRecords.stats(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), record.key(), record.value(),
                "writing to " + record.topic() + " failed: " + DeadLetterRecords.describe(exception), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), null, null, "the " + origin.name().toLowerCase(java.util.Locale.ROOT)
                + " for " + record.topic() + " could not be serialized: " + DeadLetterRecords.describe(exception),
                exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String failedTopic, byte[] outKey, byte[] outValue,
            String reason, Exception exception) {
        stats.writeFailed();
        if (Topics.DLQ.equals(failedTopic)) {
            LOG.error("A dead letter could not be written to {} and is dropped: {}", failedTopic, reason, exception);
            return Response.resume();
        }
        LOG.warn("Record {}-{}@{} sent to the DLQ: {}", context.topic(), context.partition(), context.offset(), reason);
        byte[] value = context.sourceRawValue() != null ? context.sourceRawValue() : outValue;
        byte[] key = context.sourceRawValue() != null ? context.sourceRawKey() : outKey;
        return Response.resume(DeadLetterRecords.of(reason, context.topic(), context.partition(), context.offset(),
                context.timestamp(), key, value));
    }
}

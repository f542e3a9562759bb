package io.paypulse.process.errors;

import io.paypulse.topic.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' production exception handler (KIP-1034 / KIP-1065): an output record that cannot
 * be serialized or that the broker refuses for itself (too large, bad timestamp) is replaced by a
 * bounded dead letter (of the input record for a serialization error; of the refused output itself
 * for a broker error, whose context may already describe a later input) and processing goes on. A retriable error (broker slow or away) is retried, as
 * Kafka's default handler does. A dead letter that cannot be written is logged and counted, never
 * dead-lettered again. Under exactly-once a broker refusal dooms the open transaction whatever this
 * answers (docs/decisions/0009).
 *
 * <p>Prevention comes first: dead letters are bounded ({@link io.paypulse.event.DeadLetter}) and
 * the parse step rejects outsized keys, so no record we write should reach this handler.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterCounts stats = DeadLetterCounts.NONE;

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
        // The send failed asynchronously: the context describes the record the task is processing
        // now, not necessarily the one this output came from, so the letter holds the output itself.
        String reason = "writing to " + record.topic() + " failed: " + DeadLetterRecords.describe(exception);
        return deadLetter(record.topic(), reason, exception, () -> DeadLetterRecords.of(reason, record.topic(), -1, -1,
                record.timestamp() == null ? -1 : record.timestamp(), record.key(), record.value()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        // Serialization runs in the processing call: the context is the input record's.
        String reason = "the " + origin.name().toLowerCase(Locale.ROOT) + " for " + record.topic()
                + " could not be serialized: " + DeadLetterRecords.describe(exception);
        return deadLetter(record.topic(), reason, exception, () -> DeadLetterRecords.of(reason, context.topic(),
                context.partition(), context.offset(), context.timestamp(), context.sourceRawKey(),
                context.sourceRawValue()));
    }

    private Response deadLetter(String failedTopic, String reason, Exception exception,
            Supplier<List<ProducerRecord<byte[], byte[]>>> letter) {
        stats.writeFailed();
        if (Topics.DLQ.equals(failedTopic)) {
            LOG.error("A dead letter could not be written to {} and is dropped: {}", failedTopic, reason, exception);
            return Response.resume();
        }
        LOG.warn("An output record was replaced by a dead letter: {}", reason);
        return Response.resume(letter.get());
    }
}

package io.paypulse.process.errors;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing exception handler (KIP-1033): an exception a processor throws for a
 * record sends that record's original bytes to {@code payment-dlq} with the reason, counts it, and
 * processing goes on with the next record. Exceptions that are not the record's fault (the Schema
 * Registry unreachable, a broken state store) and failures of punctuations (no record) stop the
 * processor instead: the uncaught-exception handler then ends the process with one sentence.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterCounts stats = DeadLetterCounts.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        stats = DeadLetterRecords.stats(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (record == null || DeadLetterRecords.notTheRecordsFault(exception)) {
            return Response.fail();
        }
        String reason = "processing failed in step '" + context.processorNodeId() + "': "
                + DeadLetterRecords.describe(exception);
        LOG.warn("Record {}-{}@{} sent to the DLQ: {}", context.topic(), context.partition(), context.offset(), reason,
                exception);
        stats.deadLettered();
        return Response.resume(DeadLetterRecords.of(reason, context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue()));
    }
}

package io.paypulse.process.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' deserialization exception handler: a record a source cannot read (e.g. a foreign
 * writer on the processor's repartition topic) goes to {@code payment-dlq} with the reason and is
 * counted; processing goes on.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterCounts stats = DeadLetterCounts.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        stats = DeadLetterRecords.stats(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String reason = "the record could not be read: " + DeadLetterRecords.describe(exception);
        LOG.warn("Record {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(), record.offset(), reason);
        stats.deadLettered();
        return Response.resume(DeadLetterRecords.of(reason, record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value()));
    }
}

package io.paypulse.process.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.process.ProcessorStats;
import io.paypulse.schema.SchemaRegistryException;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The handlers' decisions for what the topology tests cannot provoke (a broker refusing a record,
 * a serializer throwing): what is the record's fault becomes one bounded dead letter and processing
 * resumes; what is not (a broker away, the Schema Registry down) is retried or stops the processor.
 */
class DeadLetterHandlersTest {

    private final ProcessorStats stats = new ProcessorStats();
    private final Map<String, Object> configs = Map.of(DeadLetterCounts.CONFIG, stats);
    private final byte[] raw = new byte[900 * 1024];

    {
        Arrays.fill(raw, (byte) 0x01);
    }

    private ErrorHandlerContext context(byte[] rawKey, byte[] rawValue) {
        return new ErrorHandlerContext() {
            public String topic() {
                return Topics.RAW;
            }

            public int partition() {
                return 3;
            }

            public long offset() {
                return 42;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "write-parsed";
            }

            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            public long timestamp() {
                return 1_700_000_000_000L;
            }

            public byte[] sourceRawKey() {
                return rawKey;
            }

            public byte[] sourceRawValue() {
                return rawValue;
            }
        };
    }

    private static DeadLetter letter(ProducerRecord<byte[], byte[]> r) {
        assertThat(r.topic()).isEqualTo(Topics.DLQ);
        assertThat(r.value().length).isLessThan(DeadLetter.MAX_JSON_BYTES);
        return Topics.DLQ_VALUE.deserializer().deserialize(Topics.DLQ, r.value());
    }

    @Test
    void anOutputTheBrokerRefusesAsTooLargeIsReplacedByABoundedDeadLetterOfItself() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        byte[] big = new byte[2_000_000];
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.PARSED, null, 1_700_000_000_000L,
                "k".getBytes(StandardCharsets.UTF_8), big);

        var response = handler.handleError(context("other".getBytes(StandardCharsets.UTF_8), raw), out,
                new RecordTooLargeException("The message is 2000100 bytes"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        DeadLetter d = letter(response.deadLetterQueueRecords().get(0));
        assertThat(d.reason()).isEqualTo("writing to payment-parsed failed: RecordTooLargeException: The message is 2000100 bytes");
        assertThat(d.topic()).as("the output's topic: the context may be a later input's").isEqualTo(Topics.PARSED);
        assertThat(d.offset()).isEqualTo(-1);
        assertThat(d.valueLength()).isEqualTo(big.length);
        assertThat(d.key()).isEqualTo("k");
        assertThat(stats.failedCount()).isEqualTo(1);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsNotDeadLetteredAgain() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        var response = handler.handleError(context(null, raw), new ProducerRecord<>(Topics.DLQ, null, new byte[1]),
                new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aRetriableBrokerErrorIsRetriedNotDeadLettered() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        var response = handler.handleError(context(null, raw), new ProducerRecord<>(Topics.PARSED, null, new byte[1]),
                new NotEnoughReplicasException("1 of 3"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aValueThatCannotBeSerializedIsDeadLettered() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        var response = handler.handleSerializationError(context(null, raw),
                new ProducerRecord<>(Topics.PARSED, "k", "v"), new SerializationException("boom"),
                SerializationExceptionOrigin.VALUE);
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        DeadLetter d = letter(response.deadLetterQueueRecords().get(0));
        assertThat(d.reason()).isEqualTo("the value for payment-parsed could not be serialized: SerializationException: boom");
        assertThat(d.topic()).isEqualTo(Topics.RAW);
        assertThat(d.offset()).isEqualTo(42);
        assertThat(d.valueLength()).isEqualTo(raw.length);
    }

    @Test
    void anUnreachableSchemaRegistryStopsTheProcessorInsteadOfDeadLetteringTheRecord() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);
        var response = handler.handleError(context(null, raw), new Record<>("k", raw, 0L),
                new RuntimeException(new SchemaRegistryException("Schema Registry at x cannot be reached.", 0, 0, null)));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(stats.rejectedCount()).isZero();
    }

    @Test
    void aFailingPunctuationStopsTheProcessor() {
        var response = new DeadLetterProcessingHandler().handleError(context(null, null), null,
                new IllegalStateException("bug"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }
}

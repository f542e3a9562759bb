package io.paypulse.process;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.LogLineParser;
import io.paypulse.event.ParseOutcome;
import io.paypulse.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses raw values. Good ones go on stamped with their event time (so windows use event time);
 * bad ones become a {@link DeadLetter} with the reason and where the record came from.
 */
final class ParseProcessor implements Processor<String, byte[], String, Routed> {

    private final LogLineParser parser = new LogLineParser();
    private final ProcessorStats stats;
    private ProcessorContext<String, Routed> context;

    ParseProcessor(ProcessorStats stats) {
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ParseOutcome outcome = parser.parse(record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        RecordMetadata meta = context.recordMetadata().orElse(null);
        int partition = meta == null ? -1 : meta.partition();
        if (outcome.isOk()) {
            stats.parsed();
            context.forward(record.withValue(new Routed(outcome.event(), null, partition))
                    .withTimestamp(outcome.event().eventTime().toEpochMilli()));
            return;
        }
        stats.rejected();
        DeadLetter dead = new DeadLetter(outcome.rejection(),
                meta == null ? Topics.RAW : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        context.forward(record.withValue(new Routed(null, dead, partition)));
    }
}

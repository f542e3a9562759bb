package io.paypulse.process;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParseOutcome;
import io.paypulse.event.Topics;
import io.paypulse.event.schema.RawEventReader;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Validates raw values against their JSON Schema and parses them ({@link RawEventReader}). Good ones go
 * on stamped with their event time (so windows use event time); bad ones become a {@link DeadLetter}
 * with the reason and where the record came from.
 *
 * <p>One task per raw partition. When its partition has had no input for {@code idleTimeout} of wall
 * clock AND the consumer reports no lag on it, the task sends an idle mark each second: only the
 * reader of a partition can tell "nothing more is coming" from "not fed yet" (a restart, a slow
 * machine), so the window stage never lets the wall clock close windows on its own (see
 * {@link Watermark}). The lag check matters after a restart or a stall: a task that has not been
 * handed its backlog yet has also seen "no record for a while".
 */
final class ParseProcessor implements Processor<String, byte[], String, Routed> {

    private final RawEventReader reader;
    private final ProcessorStats stats;
    private final long idleTimeoutMs;
    private final PartitionLag lag;
    private ProcessorContext<String, Routed> context;
    private int partition;
    private long lastInputWallMs;

    ParseProcessor(ProcessorStats stats, TopologyOptions options, RawEventReader reader) {
        this.stats = stats;
        this.reader = reader;
        this.idleTimeoutMs = options.idleTimeout().toMillis();
        this.lag = options.lag();
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.lastInputWallMs = context.currentSystemTimeMs();
        context.schedule(TopologyOptions.IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    private void onWallClock(long now) {
        if (now - lastInputWallMs >= idleTimeoutMs && caughtUp()) {
            context.forward(new Record<>(null, Routed.idleMark(partition, now), now));
        }
    }

    private boolean caughtUp() {
        OptionalLong behind = lag.of(Topics.RAW, partition);
        return behind.isPresent() && behind.getAsLong() <= 0;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastInputWallMs = context.currentSystemTimeMs();
        // May throw SchemaRegistryException (registry unreachable): the processor stops uncommitted, nothing lost.
        ParseOutcome outcome = reader.read(record.value(), Instant.ofEpochMilli(lastInputWallMs));
        if (outcome.isOk()) {
            stats.parsed();
            context.forward(record.withValue(Routed.parsed(outcome.event(), partition))
                    .withTimestamp(outcome.event().eventTime().toEpochMilli()));
            return;
        }
        stats.rejected();
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter dead = new DeadLetter(outcome.rejection(),
                meta == null ? Topics.RAW : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                RawEventReader.displayText(record.value()));
        context.forward(record.withValue(Routed.rejected(dead, partition)));
    }
}

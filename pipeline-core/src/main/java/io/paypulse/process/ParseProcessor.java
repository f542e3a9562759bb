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
 * with the reason and where the record came from, bounded in size (see {@link DeadLetter}).
 *
 * <p>One task per raw partition. When its partition has had no input for {@code idleTimeout} of wall
 * clock AND the consumer reports no lag on it, the task sends an idle mark each second: only the
 * reader of a partition can tell "nothing more is coming" from "not fed yet" (a restart, a slow
 * machine), so the window stage never lets the wall clock close windows on its own (see
 * {@link Watermark}). The lag check matters after a restart or a stall: a task that has not been
 * handed its backlog yet has also seen "no record for a while".
 */
final class ParseProcessor implements Processor<String, byte[], String, Routed> {

    /**
     * Longer keys are rejected: a raw event's key is its user id, and the key is written again with
     * the parsed record, so an outsized one could make that record too large for the broker.
     */
    static final int MAX_KEY_CHARS = 1024;

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
        String key = record.key();
        // May throw SchemaRegistryException (registry unreachable): not the record's fault, so the
        // processing exception handler stops the processor uncommitted and nothing is lost.
        ParseOutcome outcome = key != null && key.length() > MAX_KEY_CHARS
                ? ParseOutcome.rejected("key is " + key.length() + " characters long, more than the "
                        + MAX_KEY_CHARS + "-character limit")
                : reader.read(record.value(), Instant.ofEpochMilli(lastInputWallMs));
        // New records without the input's headers: nothing downstream reads them, and a record's
        // outputs must not grow past the broker's limit because of them.
        if (outcome.isOk()) {
            stats.parsed();
            context.forward(new Record<>(key, Routed.parsed(outcome.event(), partition),
                    outcome.event().eventTime().toEpochMilli()));
            return;
        }
        stats.rejected();
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter dead = DeadLetter.of(outcome.rejection(),
                meta == null ? Topics.RAW : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                key,
                record.value());
        context.forward(new Record<>(dead.key(), Routed.rejected(dead, partition), record.timestamp()));
    }
}

package io.paypulse.process;

import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.event.parse.ReadTime;
import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates raw values against their JSON Schema and parses them ({@link RawEventReader}), then counts
 * good ones into its partition's windows ({@link PartitionWindows}); bad ones become a
 * {@link DeadLetter} with the reason and where the record came from, bounded in size (see
 * {@link DeadLetter}). An event whose window ended (+ grace) before this partition's own progress is
 * late: it goes to the DLQ with its reason, one by one (docs/decisions/0010).
 *
 * <p>What goes to the window stage is a {@link Partial}, not events: every {@code liveInterval} of
 * wall clock when something changed, and at once when the partition's progress passes a window's
 * end + grace (so closing is not delayed). With {@code payment-parsed} on, each parsed event is
 * also forwarded as it is.
 *
 * <p>One task per raw partition. When its partition has had no input for {@code idleTimeout} of wall
 * clock AND the consumer reports no lag on it, the task sends an idle mark (a partial whose progress is
 * the wall clock) at each idle check: only the reader of a partition can tell "nothing more is coming" from
 * "not fed yet" (a restart, a slow machine), so the window stage never lets the wall clock close
 * windows on its own (see {@link Watermark}). The lag check matters after a restart or a stall: a
 * task that has not been handed its backlog yet has also seen "no record for a while".
 *
 * <p>Re-drives (docs/decisions/0014): a record with a {@code paypulse-redrive-of} header is counted at
 * most once per identity: the task remembers counted identities ({@link RedriveLedger}) while their
 * window is open and drops a second arrival (not counted, not dead-lettered; counted in
 * {@link ProcessorStats#redriveDuplicateCount()} and logged). A re-drive that is late stays late: it
 * goes back to the DLQ with reason late, noting the re-drive. Every dead letter carries its
 * {@link DeadLetterCategory} in a header.
 */
final class ParseProcessor implements Processor<String, byte[], String, Routed> {

    /**
     * Longer keys are rejected: a raw event's key is its user id, and the key is written again with
     * the parsed record, so an outsized one could make that record too large for the broker.
     */
    static final int MAX_KEY_CHARS = 1024;
    /** A partial larger than this is split (the broker's default limit is 1 MB). */
    static final int MAX_PARTIAL_BYTES = 256 * 1024;
    static final String WINDOWS_STORE = "partition-windows";
    static final String USERS_STORE = "partition-user-failures";
    static final String REDRIVE_STORE = RedriveLedger.STORE;

    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    private final RawEventReader reader;
    private final ProcessorStats stats;
    private final long idleTimeoutMs;
    private final long graceMs;
    private final PartitionLag lag;
    private final Duration flushInterval;
    private final boolean parsedTopic;
    private ProcessorContext<String, Routed> context;
    private PartitionWindows windows;
    private RedriveLedger redriven;
    private int partition;
    private long lastInputWallMs;

    ParseProcessor(ProcessorStats stats, TopologyOptions options, RawEventReader reader) {
        this.stats = stats;
        this.reader = reader;
        this.idleTimeoutMs = options.idleTimeout().toMillis();
        this.graceMs = options.grace().toMillis();
        this.lag = options.lag();
        this.flushInterval = options.liveInterval();
        this.parsedTopic = options.parsedTopic();
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.lastInputWallMs = context.currentSystemTimeMs();
        KeyValueStore<Bytes, byte[]> windowStore = context.getStateStore(WINDOWS_STORE);
        KeyValueStore<Bytes, byte[]> userStore = context.getStateStore(USERS_STORE);
        this.windows = new PartitionWindows(windowStore, userStore, graceMs);
        PreCommitStore.of(windowStore).beforeCommit(windows::writeWindows);
        PreCommitStore.of(userStore).beforeCommit(windows::writeUsers);
        this.redriven = new RedriveLedger(context.getStateStore(REDRIVE_STORE), graceMs);
        context.schedule(TopologyOptions.IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::onIdleCheck);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    private void onIdleCheck(long now) {
        if (now - lastInputWallMs >= idleTimeoutMs && caughtUp()) {
            windows.advanceTo(now);
            flush(now);
        }
    }

    private boolean caughtUp() {
        OptionalLong behind = lag.of(Topics.RAW, partition);
        return behind.isPresent() && behind.getAsLong() <= 0;
    }

    private void flush(long now) {
        for (Partial p : windows.drain(partition, MAX_PARTIAL_BYTES)) {
            context.forward(new Record<>(null, Routed.partial(p), now));
        }
        redriven.forgetClosed(windows.progress());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastInputWallMs = context.currentSystemTimeMs();
        String key = record.key();
        String redriveOf = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REDRIVE_OF);
        if (redriveOf != null && redriven.counted(redriveOf)) {
            stats.redriveDuplicate();
            LOG.info("Re-drive of {} dropped: it is already counted in its window", redriveOf);
            return;
        }
        // May throw SchemaRegistryException (registry unreachable): not the record's fault, so the
        // processing exception handler stops the processor uncommitted and nothing is lost.
        ParseOutcome outcome = key != null && key.length() > MAX_KEY_CHARS
                ? ParseOutcome.rejected("key is " + key.length() + " characters long, more than the "
                        + MAX_KEY_CHARS + "-character limit")
                : reader.read(record.value(), Instant.ofEpochMilli(ReadTime.of(record.timestamp(), lastInputWallMs)));
        if (!outcome.isOk()) {
            stats.rejected();
            DeadLetterCategory category = key != null && key.length() > MAX_KEY_CHARS ? DeadLetterCategory.OTHER
                    : DeadLetterCategory.classify(outcome.rejection());
            deadLetter(record, outcome.rejection(), Instant.ofEpochMilli(record.timestamp()), category, redriveOf);
            return;
        }
        ParsedEvent e = outcome.event();
        long time = e.eventTime().toEpochMilli();
        stats.parsed();
        // New records without the input's headers: nothing downstream reads them, and a record's
        // outputs must not grow past the broker's limit because of them.
        if (parsedTopic) {
            context.forward(new Record<>(key, Routed.parsed(e), time));
        }
        if (windows.isLate(time)) {
            stats.late();
            deadLetter(record, lateReason(e.eventTime()), e.eventTime(), DeadLetterCategory.LATE, redriveOf);
            return;
        }
        windows.add(time, e.group().index(), e.amountCents(),
                e.failed() && e.type() == PaymentType.PAYMENT ? e.userId() : null,
                sentAt(record) + graceMs);
        if (redriveOf != null) {
            redriven.remember(redriveOf, time);
        }
        if (windows.hasClosable()) {
            flush(lastInputWallMs);
        }
    }

    /** When the producer sent the record (its timestamp), or now for a record without one. */
    private long sentAt(Record<String, byte[]> record) {
        return record.timestamp() < 0 ? lastInputWallMs : record.timestamp();
    }

    private String lateReason(Instant eventTime) {
        long start = PartitionWindows.windowStart(eventTime.toEpochMilli());
        return "late event at " + eventTime + ": window " + Instant.ofEpochMilli(start) + " closed (grace "
                + graceMs / 1000.0 + " s; raw partition " + partition + " is at "
                + Instant.ofEpochMilli(windows.progress()) + ")";
    }

    /**
     * Forwards a dead letter of {@code record} with its category header; a re-drive keeps its identity
     * header (so re-driving it again keeps one identity) and says so in the reason.
     */
    private void deadLetter(Record<String, byte[]> record, String reason, Instant timestamp,
            DeadLetterCategory category, String redriveOf) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.CATEGORY, DeadLetterHeaders.bytes(category.word()));
        if (redriveOf != null) {
            headers.add(DeadLetterHeaders.REDRIVE_OF, DeadLetterHeaders.bytes(redriveOf));
            reason = reason + " (re-drive of " + redriveOf + ")";
        }
        DeadLetter dead = DeadLetter.of(reason,
                meta == null ? Topics.RAW : meta.topic(),
                meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(),
                timestamp,
                record.key(),
                record.value());
        context.forward(new Record<>(dead.key(), Routed.rejected(dead), record.timestamp(), headers));
    }
}

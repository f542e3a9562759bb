package io.paypulse.sink;

import io.paypulse.event.ParsedEvent;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.event.parse.ReadTime;
import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parsed events, one row per log line, in hourly files by event time: {@code enriched_data_YYYY-MM-DD_HH.csv}.
 *
 * <p>Reads the raw topic {@code payment} and parses each value with the processor's own
 * {@link RawEventReader} (same Schema Registry and wait), so no parsed event has to travel through Kafka.
 * A value the processor rejects (it dead-letters it with the reason) makes no row here: {@link #read}
 * returns null, the sink counts it and logs nothing per record. The processor's other rule on raw records,
 * the key length ({@link #MAX_KEY_CHARS}), is applied the same way.
 *
 * <p>The {@code now} of the "event from the future" check is {@link ReadTime}, as in the processor: the
 * record's own timestamp unless it lies ahead of the clock (see decision 0001, addendum issue 11), so rows
 * are a function of the topic alone and a restart or a rebuild writes the same rows again, whenever it runs.
 */
final class ParsedFormat implements RowFormat<ParsedEvent> {

    static final String PREFIX = "enriched_data_";
    static final List<String> HEADER = List.of("event_time", "level", "type", "is_failed", "order_id", "amount",
            "user_id", "ip_address", "payment_id", "fail_reason", "refund_id");
    /** The processor refuses longer keys (ParseProcessor.MAX_KEY_CHARS); ParsedSinkAgreementTest keeps the two equal. */
    static final int MAX_KEY_CHARS = 1024;
    private static final Pattern NAMES = FileNames.hourlyPattern(PREFIX);

    private final RawEventReader reader;
    private final Clock clock;
    private final HourlyName names = new HourlyName(PREFIX, "eventTime");

    ParsedFormat(RawEventReader reader) {
        this(reader, Clock.systemUTC());
    }

    /** @param clock the reader's wall clock ({@link ReadTime}: the record's timestamp unless that lies ahead of it) */
    ParsedFormat(RawEventReader reader, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = clock;
    }

    @Override
    public String name() {
        return "parsed";
    }

    @Override
    public String topic() {
        return Topics.RAW;
    }

    /** Before issue 11 this sink read the processor's {@code payment-parsed}. */
    @Override
    public Set<String> formerTopics() {
        return Set.of(Topics.PARSED);
    }

    /**
     * @return the parsed event, or null when the processor rejects the record (it is in its DLQ)
     * @throws io.paypulse.schema.SchemaRegistryException when the registry cannot be asked (not the
     *         record's fault: the sink retries from its checkpoint)
     */
    @Override
    public ParsedEvent read(ConsumerRecord<byte[], byte[]> record) {
        if (keyTooLong(record.key())) {
            return null;
        }
        ParseOutcome outcome = reader.read(record.value(),
                Instant.ofEpochMilli(ReadTime.of(record.timestamp(), clock.millis())));
        return outcome.event();
    }

    /** Every record read() returns null for is one the processor dead-letters. */
    @Override
    public boolean noRowMeansRejected() {
        return true;
    }

    /** As the processor counts: characters of the UTF-8 key (never more than its bytes, so most keys need no decoding). */
    private static boolean keyTooLong(byte[] key) {
        return key != null && key.length > MAX_KEY_CHARS
                && new String(key, StandardCharsets.UTF_8).length() > MAX_KEY_CHARS;
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String fileName(ParsedEvent e) {
        return names.of(e.eventTime());
    }

    @Override
    public Pattern fileNames() {
        return NAMES;
    }

    @Override
    public List<String> cells(ParsedEvent e) {
        CellList cells = new CellList(HEADER.size());
        columns(e, cells);
        return cells.cells();
    }

    /** The sink's path: the cells straight to bytes (no cell strings, no line string). */
    @Override
    public void row(ParsedEvent e, CsvRow out) {
        columns(e, out);
        out.end();
    }

    /** The columns of {@link #HEADER}, in its order: the one list both {@link #cells} and {@link #row} follow. */
    private static void columns(ParsedEvent e, RowCells out) {
        Objects.requireNonNull(e.type(), "type is missing");
        out.instant(e.eventTime());
        out.plain(e.level() == null ? null : e.level().name());
        out.plain(e.type().label());
        out.bool(e.failed());
        out.text(e.orderId());
        out.amount(e.amountCents());
        out.text(e.userId());
        out.text(e.ipAddress());
        out.text(e.paymentId());
        out.text(e.failReason());
        out.text(e.refundId());
    }
}

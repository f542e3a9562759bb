package io.paypulse.sink;

import static io.paypulse.sink.CsvCells.amount;
import static io.paypulse.sink.CsvCells.bool;
import static io.paypulse.sink.CsvCells.instant;
import static io.paypulse.sink.CsvCells.enumName;
import static io.paypulse.sink.CsvCells.text;

import io.paypulse.event.ParsedEvent;
import io.paypulse.event.Topics;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;

/** Parsed events, one row per log line, in hourly files by event time: {@code enriched_data_YYYY-MM-DD_HH.csv}. */
final class ParsedFormat implements RowFormat<ParsedEvent> {

    static final String PREFIX = "enriched_data_";
    static final List<String> HEADER = List.of("event_time", "level", "type", "is_failed", "order_id", "amount",
            "user_id", "ip_address", "payment_id", "fail_reason", "refund_id");
    private static final Pattern NAMES = FileNames.hourlyPattern(PREFIX);

    private final Deserializer<ParsedEvent> deserializer = Topics.PARSED_VALUE.deserializer();

    @Override
    public String name() {
        return "parsed";
    }

    @Override
    public String topic() {
        return Topics.PARSED;
    }

    @Override
    public ParsedEvent read(String topic, byte[] value) {
        return deserializer.deserialize(topic, value);
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String fileName(ParsedEvent e) {
        return FileNames.hourly(PREFIX, e.eventTime(), "eventTime");
    }

    @Override
    public Pattern fileNames() {
        return NAMES;
    }

    @Override
    public List<String> cells(ParsedEvent e) {
        Objects.requireNonNull(e.type(), "type is missing");
        return List.of(
                instant(e.eventTime()),
                enumName(e.level()),
                e.type().label(),
                bool(e.failed()),
                text(e.orderId()),
                amount(e.amountCents()),
                text(e.userId()),
                text(e.ipAddress()),
                text(e.paymentId()),
                text(e.failReason()),
                text(e.refundId()));
    }
}

package io.paypulse.sink;

import static io.paypulse.sink.CsvCells.amount;
import static io.paypulse.sink.CsvCells.bool;
import static io.paypulse.sink.CsvCells.instant;
import static io.paypulse.sink.CsvCells.integer;

import io.paypulse.event.WindowAggregate;
import io.paypulse.topic.Topics;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Final 1-minute window totals (live updates are not written), in daily files by window start:
 * {@code aggregated_data_YYYY-MM-DD.csv}.
 */
final class AggregateFormat implements RowFormat<WindowAggregate> {

    static final String PREFIX = "aggregated_data_";
    static final List<String> HEADER = List.of("start", "end", "type", "is_failed", "event_count", "total_amount");
    static final Pattern NAMES_PATTERN = FileNames.dailyPattern(PREFIX);

    private final Deserializer<WindowAggregate> deserializer = Topics.AGGREGATE_VALUE.deserializer();

    @Override
    public String name() {
        return "aggregates";
    }

    @Override
    public String topic() {
        return Topics.AGGREGATES;
    }

    @Override
    public WindowAggregate read(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : read(record.topic(), record.value()); // a tombstone is not a row
    }

    WindowAggregate read(String topic, byte[] value) {
        return deserializer.deserialize(topic, value);
    }

    @Override
    public boolean include(WindowAggregate a) {
        return a.isFinal();
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String fileName(WindowAggregate a) {
        return FileNames.daily(PREFIX, a.start(), "start");
    }

    @Override
    public Pattern fileNames() {
        return NAMES_PATTERN;
    }

    @Override
    public List<String> cells(WindowAggregate a) {
        Objects.requireNonNull(a.type(), "type is missing");
        return List.of(
                instant(a.start()),
                instant(a.end()),
                a.type().label(),
                bool(a.failed()),
                integer(a.eventCount()),
                amount(a.totalAmountCents()));
    }
}

package io.paypulse.sink;

import static io.paypulse.sink.CsvCells.decimal;
import static io.paypulse.sink.CsvCells.instant;
import static io.paypulse.sink.CsvCells.integer;
import static io.paypulse.sink.CsvCells.enumName;
import static io.paypulse.sink.CsvCells.text;

import io.paypulse.event.Alert;
import io.paypulse.topic.Topics;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every published alert bucket update, one row each (a log of updates; upsert by {@code id} for the
 * latest state), in daily files by last-seen time: {@code alerts_YYYY-MM-DD.csv}.
 */
final class AlertFormat implements RowFormat<Alert> {

    static final String PREFIX = "alerts_";
    static final List<String> HEADER = List.of("id", "rule", "severity", "group", "window_start", "window_end", "value",
            "threshold", "message", "state", "occurrences", "first_seen", "last_seen");
    private static final Pattern NAMES = FileNames.dailyPattern(PREFIX);

    private final Deserializer<Alert> deserializer = Topics.ALERT_VALUE.deserializer();

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public String topic() {
        return Topics.ALERTS;
    }

    @Override
    public Alert read(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : read(record.topic(), record.value()); // a tombstone is not a row
    }

    Alert read(String topic, byte[] value) {
        return deserializer.deserialize(topic, value);
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public String fileName(Alert a) {
        return FileNames.daily(PREFIX, a.lastSeen(), "lastSeen");
    }

    @Override
    public Pattern fileNames() {
        return NAMES;
    }

    @Override
    public List<String> cells(Alert a) {
        return List.of(
                text(a.id()),
                text(a.rule()),
                enumName(a.severity()),
                text(a.group()),
                instant(a.windowStart()),
                instant(a.windowEnd()),
                decimal(a.value()),
                decimal(a.threshold()),
                text(a.message()),
                enumName(a.state()),
                integer(a.occurrences()),
                instant(a.firstSeen()),
                instant(a.lastSeen()));
    }
}

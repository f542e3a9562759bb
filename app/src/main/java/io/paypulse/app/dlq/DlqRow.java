package io.paypulse.app.dlq;

import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.SafeText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One row of the dead-letter table: the cells as safe text, and the record behind them for the
 * detail pane and re-drive.
 */
public record DlqRow(String position, String time, String category, String reason, String origin, String size,
        DlqRecord record) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    static DlqRow of(DlqRecord r, ZoneId zone) {
        var d = r.letter();
        return new DlqRow(r.position(), TIME.format(r.timestamp().atZone(zone)), r.category().word(),
                SafeText.line(d.reason(), 300), d.topic() + "/" + d.partition() + "/" + d.offset(),
                d.valueLength() < 0 ? "null" : d.valueLength() + " B", r);
    }
}

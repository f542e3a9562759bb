package io.paypulse.sink;

import io.paypulse.event.ParsedEvent;
import io.paypulse.files.FileModes;
import io.paypulse.schema.RawEventReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The parsed CSV's reading and rows for readers outside the sink ({@code paypulse events}, the app's
 * Events view): a raw record becomes an event exactly when it would become a row of
 * {@code enriched_data_*.csv}, and an event becomes the same cells, formula-safe, CRLF line ends.
 * Thread-safe.
 */
public final class ParsedRows {

    private static final ParsedFormat CELLS = new ParsedFormat(RawEventReader.local());

    private final ParsedFormat format;

    /** @param clock the "now" of the event-from-the-future check, as the sink's ({@link io.paypulse.event.parse.ReadTime}) */
    public ParsedRows(RawEventReader reader, Clock clock) {
        this.format = new ParsedFormat(reader, clock);
    }

    /**
     * @return the event, or null when the processor rejects the record (it is in its dead-letter topic)
     * @throws io.paypulse.schema.SchemaRegistryException when the Schema Registry cannot be asked
     */
    public ParsedEvent read(ConsumerRecord<byte[], byte[]> record) {
        return format.read(record);
    }

    /** The parsed CSV's column names. */
    public static List<String> header() {
        return ParsedFormat.HEADER;
    }

    /** The header as one CSV line, CRLF included. */
    public static String headerLine() {
        return CsvCells.line(ParsedFormat.HEADER);
    }

    /** The event's cells as the parsed CSV writes them (free text defused against spreadsheet formulas). */
    public static List<String> cells(ParsedEvent e) {
        return CELLS.cells(e);
    }

    /** One CSV line, CRLF included. */
    public static String line(ParsedEvent e) {
        return CsvCells.line(CELLS.cells(e));
    }

    /**
     * Writes (or replaces) {@code file}: the header, then one row per event, with the sink's writer;
     * created with {@code modes} (rows hold user ids and IP addresses: {@link FileModes#PRIVATE}).
     */
    public static void write(Path file, Iterable<ParsedEvent> events, FileModes modes) throws IOException {
        try (CsvWriter w = CsvWriter.create(file, ParsedFormat.HEADER, modes.fileAttributes())) {
            CsvRow row = new CsvRow();
            for (ParsedEvent e : events) {
                row.clear();
                CELLS.row(e, row);
                w.write(row);
            }
        }
    }
}

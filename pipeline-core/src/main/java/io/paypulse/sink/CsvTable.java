package io.paypulse.sink;

import io.paypulse.files.FileModes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The sinks' CSV writing for tables made outside the sink (the app's alert export): the same writer, so
 * the same RFC 4180 quoting and CRLF line ends, and the same formula defusing for free text. Thread-safe.
 */
public final class CsvTable {

    private CsvTable() {
    }

    /**
     * A free-text cell as the sinks write one: null is empty, a start that a spreadsheet reads as a formula
     * ({@code = + - @ TAB CR}) gets a leading {@code '}. Numbers, enum names and instants need not pass here.
     */
    public static String text(String value) {
        return CsvCells.text(value);
    }

    /**
     * Writes (or replaces) {@code file}: the header, then each row's cells as given (pass free text through
     * {@link #text}); created with {@code modes}.
     */
    public static void write(Path file, List<String> header, Iterable<List<String>> rows, FileModes modes)
            throws IOException {
        try (CsvWriter w = CsvWriter.create(file, header, modes.fileAttributes())) {
            for (List<String> row : rows) {
                w.write(row);
            }
        }
    }
}

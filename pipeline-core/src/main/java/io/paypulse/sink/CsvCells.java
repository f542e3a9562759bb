package io.paypulse.sink;

import io.paypulse.event.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Values to CSV cells, and cells to one CSV line (RFC 4180: a cell holding a comma, a double quote,
 * CR or LF is quoted and its quotes doubled; lines end with CRLF).
 *
 * <p>Text that came from outside (ids, reasons, messages, addresses) goes through {@link #text}, which
 * defuses spreadsheet formulas the OWASP way: a cell starting with {@code = + - @ TAB CR} gets a leading
 * single quote. Numbers go through the typed helpers and are never touched, so {@code -12.50} stays a number.
 */
final class CsvCells {

    static final String LINE_END = "\r\n";

    private CsvCells() {
    }

    /** A free-text cell: null is empty, a formula-looking start is prefixed with {@code '}. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r':
                return "'" + value;
            default:
                return value;
        }
    }

    static String enumName(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    /** ISO-8601 in UTC, e.g. {@code 2024-05-01T10:15:30Z}; null is empty. */
    static String instant(Instant value) {
        return value == null ? "" : InstantText.of(value);
    }

    static String amount(long cents) {
        return Money.format(cents);
    }

    static String integer(long value) {
        return Long.toString(value);
    }

    static String bool(boolean value) {
        return Boolean.toString(value);
    }

    /** A double in plain notation ({@code 10000000000.0}, never {@code 1.0E10}); NaN and infinities as Java spells them. */
    static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }

    /** RFC 4180 quoting of one cell; null is an empty cell. */
    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        for (int i = 0; i < cell.length(); i++) {
            if (needsQuotes(cell.charAt(i))) {
                return '"' + cell.replace("\"", "\"\"") + '"';
            }
        }
        return cell;
    }

    /** A cell holding one of these characters is quoted ({@link #quote}; {@link CsvRow} asks too). */
    static boolean needsQuotes(char c) {
        return c == ',' || c == '"' || c == '\r' || c == '\n';
    }

    /** One complete CSV line: quoted cells separated by commas, terminated by CRLF. */
    static String line(List<String> cells) {
        StringBuilder b = new StringBuilder(cells.size() * 16);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(cells.get(i)));
        }
        return b.append(LINE_END).toString();
    }
}

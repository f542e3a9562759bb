package io.paypulse.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV row encoded straight to UTF-8, cell by cell: the bytes of {@code CsvCells.line(cells)}
 * without the list of cell strings, the line string and its encoding in between (they were most of the
 * parsed CSV sink's row cost, issue 11). A cell of ASCII with nothing to quote is copied as it is; any
 * other cell is quoted by {@link CsvCells#quote} and encoded by {@link String#getBytes}, so the quoting
 * rules stay in {@link CsvCells}. Timestamps and amounts are written as digits, as
 * {@link InstantText} and {@link io.paypulse.event.Money} write them ({@code CsvRowTest} compares).
 * Reused row after row ({@link #clear}); not thread-safe.
 */
final class CsvRow implements RowCells {

    private static final int MAX_AMOUNT_BYTES = 21; // "-" and the 19 digits of a long, and the dot

    private byte[] bytes = new byte[256];
    private int length;
    private int cells;

    /** The row of {@code cells}, CRLF included. */
    static CsvRow of(List<String> cells) {
        CsvRow row = new CsvRow();
        row.line(cells);
        return row;
    }

    /** Starts a new row. */
    void clear() {
        length = 0;
        cells = 0;
    }

    /** Appends {@code cells} as they are (each quoted if it needs it) and ends the row. */
    void line(List<String> values) {
        for (String v : values) {
            plain(v);
        }
        end();
    }

    /** Ends the row with CRLF. */
    void end() {
        room(2);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
    }

    @Override
    public void text(String value) {
        plain(CsvCells.text(value));
    }

    @Override
    public void plain(String value) {
        separator();
        if (value != null) {
            put(value);
        }
    }

    @Override
    public void instant(Instant value) {
        separator();
        if (value == null) {
            return;
        }
        room(InstantText.MAX_BYTES);
        int end = InstantText.write(value, bytes, length);
        if (end < 0) {
            put(CsvCells.instant(value));
        } else {
            length = end;
        }
    }

    @Override
    public void amount(long cents) {
        separator();
        if (cents == Long.MIN_VALUE) { // no positive counterpart: Money's own text
            put(CsvCells.amount(cents));
            return;
        }
        room(MAX_AMOUNT_BYTES);
        if (cents < 0) {
            bytes[length++] = '-';
            cents = -cents;
        }
        long units = cents / 100;
        int frac = (int) (cents % 100);
        int end = length + digitCount(units);
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + units % 10);
            units /= 10;
        }
        bytes[end] = '.';
        bytes[end + 1] = (byte) ('0' + frac / 10);
        bytes[end + 2] = (byte) ('0' + frac % 10);
        length = end + 3;
    }

    @Override
    public void bool(boolean value) {
        plain(CsvCells.bool(value));
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The row as text (tests, and readers that want a line). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void separator() {
        if (cells++ > 0) {
            room(1);
            bytes[length++] = ',';
        }
    }

    /** One cell's content: ASCII with nothing to quote byte for byte, anything else through CsvCells.quote. */
    private void put(String cell) {
        int n = cell.length();
        room(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c >= 0x80 || CsvCells.needsQuotes(c)) {
                byte[] encoded = CsvCells.quote(cell).getBytes(StandardCharsets.UTF_8);
                room(encoded.length);
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
                return;
            }
            b[at++] = (byte) c;
        }
        length = at;
    }

    private static int digitCount(long v) {
        int count = 1;
        while (v >= 10) {
            v /= 10;
            count++;
        }
        return count;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}

package io.paypulse.sink;

import java.time.Instant;

/**
 * Where a row's typed cells go, one after the other: {@link CsvRow} encodes them straight to the bytes
 * the sink writes, {@link CellList} makes the same cells as strings ({@code paypulse events}, the app).
 * A format lists its columns once, against this interface, and both get the same row.
 */
interface RowCells {

    /** Free text from outside (ids, reasons, addresses): formula-looking starts defused ({@link CsvCells#text}); null is empty. */
    void text(String value);

    /** A value of our own that needs no defusing (a label, an enum's name); null is empty. */
    void plain(String value);

    /** ISO-8601 in UTC ({@link CsvCells#instant}); null is empty. */
    void instant(Instant value);

    /** Cents as {@link CsvCells#amount} writes them, e.g. {@code 12.50}. */
    void amount(long cents);

    void bool(boolean value);
}

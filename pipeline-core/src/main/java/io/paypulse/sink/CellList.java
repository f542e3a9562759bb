package io.paypulse.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A row's cells as strings, made by {@link CsvCells}: what {@link RowFormat#cells} returns. */
final class CellList implements RowCells {

    private final List<String> cells;

    CellList(int columns) {
        this.cells = new ArrayList<>(columns);
    }

    @Override
    public void text(String value) {
        cells.add(CsvCells.text(value));
    }

    @Override
    public void plain(String value) {
        cells.add(value == null ? "" : value);
    }

    @Override
    public void instant(Instant value) {
        cells.add(CsvCells.instant(value));
    }

    @Override
    public void amount(long cents) {
        cells.add(CsvCells.amount(cents));
    }

    @Override
    public void bool(boolean value) {
        cells.add(CsvCells.bool(value));
    }

    /** The cells so far, unmodifiable. */
    List<String> cells() {
        return Collections.unmodifiableList(cells);
    }
}

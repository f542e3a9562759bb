package io.paypulse.cli;

import java.util.ArrayList;
import java.util.List;

/** Aligned text columns; the last column is not padded. */
final class Columns {

    private Columns() {
    }

    static List<String> align(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i) == null ? 0 : r.get(i).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i) == null ? "" : r.get(i);
                line.append(i == r.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}

package io.paypulse.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what the CSV sinks wrote, for assertions. */
final class CsvOutputs {

    private CsvOutputs() {
    }

    /** Data rows (header excluded) of every file whose name starts with {@code prefix}, split on commas. */
    static List<String[]> rows(Path outputDir, String prefix) {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isDirectory(outputDir)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(outputDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static long parsedRows(Path outputDir) {
        return rows(outputDir, "enriched_data_").size();
    }

    /** Sum of event_count over the aggregate CSV. */
    static long aggregatedEvents(Path outputDir) {
        return rows(outputDir, "aggregated_data_").stream().mapToLong(r -> Long.parseLong(r[4])).sum();
    }
}

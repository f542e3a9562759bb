package io.paypulse.sink;

import io.paypulse.event.Money;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads back the daily aggregate CSVs the sink writes ({@code aggregated_data_YYYY-MM-DD.csv}): every row
 * is a final window. For readers that rebuild history from the files (the app's charts after a restart).
 * A row that does not parse is skipped and counted, never fatal: the files may have been edited by hand.
 */
public final class AggregateFiles {

    private AggregateFiles() {
    }

    /** What {@link #read} found. */
    public record Result(int files, long rows, long skipped) {
    }

    /**
     * Passes every final window whose start is at or after {@code from} to {@code sink}, file by file in
     * date order (each file in its row order). Files of days before {@code from}'s day are not opened.
     * A missing directory reads as empty.
     */
    public static Result read(Path dir, Instant from, Consumer<WindowAggregate> sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Result(0, 0, 0);
        }
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> AggregateFormat.NAMES_PATTERN.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !day(p).isBefore(firstDay))
                    .sorted()
                    .forEach(files::add);
        }
        long rows = 0;
        long skipped = 0;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String header = r.readLine();
                if (header == null) {
                    continue;
                }
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    WindowAggregate a = parse(line);
                    if (a == null) {
                        skipped++;
                    } else if (!a.start().isBefore(from)) {
                        sink.accept(a);
                        rows++;
                    }
                }
            }
        }
        return new Result(files.size(), rows, skipped);
    }

    /** One row ({@code start,end,type,is_failed,event_count,total_amount}), or null when it is not one. */
    static WindowAggregate parse(String line) {
        String[] c = line.split(",", -1);
        if (c.length < AggregateFormat.HEADER.size()) {
            return null;
        }
        try {
            return new WindowAggregate(Instant.parse(c[0]), Instant.parse(c[1]), PaymentType.fromLabel(c[2]),
                    Boolean.parseBoolean(c[3]), Long.parseLong(c[4]), Money.parse(c[5]), true);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDate day(Path file) {
        String name = file.getFileName().toString();
        return LocalDate.parse(name.substring(AggregateFormat.PREFIX.length(), name.length() - ".csv".length()));
    }
}

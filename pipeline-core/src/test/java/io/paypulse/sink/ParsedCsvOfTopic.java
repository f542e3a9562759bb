package io.paypulse.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** For tests outside this package: the parsed CSV of a test topic, written once up to the topic's end. */
public final class ParsedCsvOfTopic {

    private ParsedCsvOfTopic() {
    }

    /**
     * Runs the real parsed CSV sink over {@code topic} until it has caught up, and returns its rows (the
     * lines after each file's header, CRLF removed), files in name order.
     */
    public static List<String> rows(Map<String, Object> consumerProps, String topic, Path dir) throws Exception {
        try (CsvSink sink = CsvSink.parsed(consumerProps, dir, topic)) {
            sink.start();
            if (!sink.awaitCaughtUp(Duration.ofSeconds(40))) {
                throw new IllegalStateException("the parsed CSV sink did not catch up: " + sink.failure());
            }
        }
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(ParsedFormat.PREFIX)).sorted().toList()) {
                String text = Files.readString(f);
                String[] lines = text.split(CsvCells.LINE_END, -1);
                for (int i = 1; i < lines.length; i++) {
                    if (!lines[i].isEmpty()) {
                        rows.add(lines[i] + CsvCells.LINE_END);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}

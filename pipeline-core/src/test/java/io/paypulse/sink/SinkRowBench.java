package io.paypulse.sink;

import io.paypulse.config.Scenario;
import io.paypulse.event.LogEvent;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.parse.PythonLogLine;
import io.paypulse.generate.EventFactory;
import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Warm CPU and allocation per event of the parsed CSV sink's own work on one record, in two steps:
 * the second parse ({@link ParsedFormat#read}) and the row ({@link ParsedFormat#fileName} and the row's
 * bytes into a {@link CsvWriter} of a temporary file; no fsync). 1M-event users' shape (the original
 * project's timestamps). Not a test: run by hand with the test class path, e.g.
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.classpath) io.paypulse.sink.SinkRowBench}
 * ({@code -Dbench.sink.events=N}, default 200,000). Figures in docs/benchmarks.md ("The sink thread's CPU").
 */
public final class SinkRowBench {

    private static final int WARMUP = 5;
    private static final int ROUNDS = 9;
    private static final com.sun.management.ThreadMXBean THREAD =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SinkRowBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.sink.events", 200_000);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        EventFactory factory = new EventFactory(11L);
        ConsumerRecord<byte[], byte[]>[] records = records(events, t0, factory);
        ParsedFormat format = new ParsedFormat(RawEventReader.local());
        ParsedEvent[] parsed = new ParsedEvent[events];
        Path dir = Files.createTempDirectory("sink-row-bench");
        double[] readNs = new double[ROUNDS];
        double[] rowNs = new double[ROUNDS];
        double[] readBytes = new double[ROUNDS];
        double[] rowBytes = new double[ROUNDS];
        long fileBytes = 0;
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long c0 = THREAD.getCurrentThreadCpuTime();
            long a0 = THREAD.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < events; i++) {
                parsed[i] = format.read(records[i]);
            }
            long c1 = THREAD.getCurrentThreadCpuTime();
            long a1 = THREAD.getCurrentThreadAllocatedBytes();
            Path file = dir.resolve("rows.csv");
            String name = null;
            try (CsvWriter w = CsvWriter.create(file, format.header())) {
                c1 = THREAD.getCurrentThreadCpuTime();
                a1 = THREAD.getCurrentThreadAllocatedBytes();
                for (ParsedEvent e : parsed) {
                    name = format.fileName(e);
                    Rows.write(format, e, w);
                }
                fileBytes = w.length();
            }
            long c2 = THREAD.getCurrentThreadCpuTime();
            long a2 = THREAD.getCurrentThreadAllocatedBytes();
            if (name == null || fileBytes < 100L * events) {
                throw new IllegalStateException("rows were not written: " + fileBytes + " bytes");
            }
            if (round >= WARMUP) {
                readNs[round - WARMUP] = (c1 - c0) / (double) events;
                rowNs[round - WARMUP] = (c2 - c1) / (double) events;
                readBytes[round - WARMUP] = (a1 - a0) / (double) events;
                rowBytes[round - WARMUP] = (a2 - a1) / (double) events;
            }
        }
        Files.deleteIfExists(dir.resolve("rows.csv"));
        Files.delete(dir);
        System.out.printf(Locale.ROOT, "sink-row-bench: %d events per round, %s %s, %d bytes of CSV per round%n", events,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), fileBytes);
        System.out.println("| step | CPU ns/event (median, min–max) | bytes allocated/event |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| read (second parse) | %s | %.0f |%n", spread(readNs), median(readBytes));
        System.out.printf(Locale.ROOT, "| file name + row bytes | %s | %.0f |%n", spread(rowNs), median(rowBytes));
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<byte[], byte[]>[] records(int events, Instant t0, EventFactory factory) {
        ConsumerRecord<byte[], byte[]>[] records = new ConsumerRecord[events];
        for (int i = 0; i < events; i++) {
            // 2,000 events per second of event time, microseconds varying, as in issue 11's measurement
            Instant at = t0.plusNanos(500_000L * i + 1_000L * (i % 7));
            LogEvent e = factory.next(at, Scenario.NORMAL).event();
            records[i] = new ConsumerRecord<>(Topics.RAW, i % 3, i / 3, at.toEpochMilli() + 5,
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, null, PythonLogLine.render(e),
                    new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
        }
        return records;
    }

    /** {@code median (min–max)} of the rounds. */
    private static String spread(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The row step as the sink does it (SinkLoop.accept, OutputFiles.append). */
    private static final class Rows {
        private static final CsvRow ROW = new CsvRow();

        static void write(ParsedFormat format, ParsedEvent e, CsvWriter w) throws java.io.IOException {
            ROW.clear();
            format.row(e, ROW);
            w.write(ROW);
        }
    }
}

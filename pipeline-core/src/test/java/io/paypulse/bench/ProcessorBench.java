package io.paypulse.bench;

import io.paypulse.alert.RulesFile;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.process.ProcessorService;
import io.paypulse.process.ProcessorStats;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * ProcessorService (shipped settings: 1 stream thread, commit 100 ms, CSV sinks on, default alert
 * rules) started on a raw topic already holding {@code events} events, with a given processing
 * guarantee and a fresh application id and data dir. Timed from {@code start()}:
 * <ul>
 *   <li>parsed: {@code ProcessorStats.parsedCount()} reaches all events (the throughput figure);</li>
 *   <li>windowed: the live updates on {@code payment-agg-1m}, read committed, count all events
 *       (but those counted late or rejected);</li>
 *   <li>parsed CSV: the CSV sinks have made all events' rows durable ({@code csvRowsWritten()});</li>
 *   <li>closed: every event is in a final window, late or rejected and no window is open. The last
 *       window closes on the wall clock only once there has been no input for 5 s (the idle
 *       timeout) and the wall clock is 5 s (the grace) past the window's end, so this depends on
 *       where in the minute the run falls; reported apart, with how long after that earliest
 *       possible moment it happened.</li>
 * </ul>
 * The output topics are emptied before each run; the raw topic is shared by the runs.
 */
final class ProcessorBench {

    record Result(int run, String guarantee, long events, double firstParsed, double best5sPerSecond, double parsed,
                  double windowed, double csv, double closed, double closeAfterEarliest, long parsedCount, long rejected, long late, long finalWindows, long parsedCsvRows,
                  long aggregateCsvRows, long aggregateCsvEvents, ResourceMonitor.Usage usage) {

        double parsedPerSecond() {
            return events / parsed;
        }

        /** Throughput counted until both all parsed and all parsed CSV rows durable. */
        double parsedAndCsvPerSecond() {
            return events / Math.max(parsed, csv);
        }

        double steadyPerSecond() {
            return events / (parsed - firstParsed);
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final boolean DEBUG = Boolean.getBoolean("bench.debug");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private ProcessorBench() {
    }

    static Result run(BenchEnv env, String guarantee, long events) throws Exception {
        env.truncate(List.of(Topics.PARSED, Topics.AGGREGATES, Topics.ALERTS, Topics.DLQ));
        int run = RUNS.incrementAndGet();
        PayPulseConfig base = env.config("processor-" + run + "-" + guarantee);
        ProcessorSettings d = base.processor();
        PayPulseConfig config = base.withProcessor(d.with(b -> {
            b.guarantee = guarantee;
            b.threads = Integer.getInteger("bench.streamThreads", d.threads());
            b.applicationId = "bench-" + run + "-" + guarantee.replace('_', '-');
            b.sinks = !"false".equals(System.getProperty("bench.sinks")); // sinks false only for experiments
        }));

        Map<String, Long> latestCounts = new ConcurrentHashMap<>();
        AtomicLong lastWindowEnd = new AtomicLong();
        AggregateFollower follower = new AggregateFollower(env.bootstrap(), (at, a) -> {
            latestCounts.put(a.start() + "|" + a.group().key(), a.eventCount());
            lastWindowEnd.accumulateAndGet(a.end().toEpochMilli(), Math::max);
        });
        follower.start();

        ProcessorService processor = new ProcessorService(config, RulesFile.defaults());
        env.monitor.begin("Processor #" + run + " " + guarantee);
        long t0 = System.nanoTime();
        long firstParsed = -1;
        long parsed = -1;
        long windowed = -1;
        long csv = -1;
        long closed;
        long lastDebug = 0;
        long windowedWallMs = -1;
        long closedWallMs;
        ResourceMonitor.Usage usage = null;
        List<long[]> timeline = new ArrayList<>(); // {nanos, parsed} once a second
        try {
            processor.start();
            long deadline = t0 + TIMEOUT.toNanos();
            while (true) {
                if (processor.failure() != null) {
                    throw new IllegalStateException("the processor failed", processor.failure());
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IllegalStateException("the processor did not finish " + events + " events within "
                            + TIMEOUT + ": " + describe(processor.stats()) + ", CSV rows " + processor.csvRowsWritten());
                }
                ProcessorStats s = processor.stats();
                if (timeline.isEmpty() || now - timeline.get(timeline.size() - 1)[0] >= 1_000_000_000L) {
                    timeline.add(new long[] {now, s.parsedCount() + s.rejectedCount()});
                }
                if (firstParsed < 0 && s.parsedCount() + s.rejectedCount() > 0) {
                    firstParsed = now;
                }
                if (parsed < 0 && s.parsedCount() + s.rejectedCount() >= events) {
                    parsed = now;
                }
                if (windowed < 0 && latestCounts.values().stream().mapToLong(Long::longValue).sum()
                        + s.lateCount() + s.rejectedCount() >= events) {
                    windowed = now;
                    windowedWallMs = System.currentTimeMillis();
                }
                if (csv < 0 && (!config.processor().sinks() || processor.csvRowsWritten() >= s.parsedCount()) && s.parsedCount() + s.rejectedCount() >= events) {
                    csv = now;
                }
                if (usage == null && parsed >= 0 && windowed >= 0 && csv >= 0) {
                    usage = env.monitor.end(); // resources of the throughput part, not of the idle wait
                }
                if (s.openWindowCount() == 0 && s.finalizedEventCount() + s.lateCount() + s.rejectedCount() >= events) {
                    closed = now;
                    closedWallMs = System.currentTimeMillis();
                    break;
                }
                if (DEBUG && windowed >= 0 && now - lastDebug >= 1_000_000_000L) {
                    lastDebug = now;
                    debug(processor, now - t0);
                }
                Thread.sleep(10); // polling the counters of the processor's threads
            }
            if (!processor.awaitSinksCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the CSV sinks did not catch up");
            }
            if (windowed < 0) {
                windowed = System.nanoTime();
            }
            if (csv < 0) {
                csv = System.nanoTime();
            }
        } finally {
            if (usage == null) {
                usage = env.monitor.end();
            }
            processor.close();
            follower.close();
        }
        ProcessorStats s = processor.stats();
        Path out = config.outputDir();
        long[] agg = aggregateCsv(out);
        // The last window can close only once the wall clock is both idleTimeout (= grace) past the
        // last event and grace past the window's end: how long after that it did close.
        long graceMs = config.processor().grace().toMillis();
        long earliestCloseMs = Math.max(windowedWallMs + graceMs, lastWindowEnd.get() + graceMs);
        return new Result(run, guarantee, events, secs(firstParsed, t0), best5s(timeline), secs(parsed, t0),
                secs(windowed, t0), secs(csv, t0), secs(closed, t0), (closedWallMs - earliestCloseMs) / 1000.0, s.parsedCount(), s.rejectedCount(), s.lateCount(), s.finalWindowCount(),
                dataRows(out, "enriched_data_"), agg[0], agg[1], usage);
    }

    private static void debug(ProcessorService processor, long sinceStart) {
        ProcessorStats s = processor.stats();
        System.err.printf("bench debug %.1f s: %s, final windows %d, state %s%n", sinceStart / 1e9, describe(s),
                s.finalWindowCount(), processor.state());
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().contains("StreamThread")) {
                System.err.println("  " + t.getName() + " " + t.getState());
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    System.err.println("    at " + stack[i]);
                }
            }
        });
    }

    /** The highest rate over 5 consecutive 1-second samples of the parsed count. */
    private static double best5s(List<long[]> timeline) {
        double best = 0;
        for (int i = 5; i < timeline.size(); i++) {
            long[] a = timeline.get(i - 5);
            long[] b = timeline.get(i);
            best = Math.max(best, (b[1] - a[1]) / ((b[0] - a[0]) / 1e9));
        }
        return best;
    }

    private static double secs(long at, long t0) {
        return (at - t0) / 1e9;
    }

    private static String describe(ProcessorStats s) {
        return "parsed " + s.parsedCount() + ", rejected " + s.rejectedCount() + ", late " + s.lateCount()
                + ", finalized " + s.finalizedEventCount() + ", open windows " + s.openWindowCount();
    }

    /** Lines after the header in every {@code prefix*.csv} (rows have no embedded newlines in these files). */
    static long dataRows(Path dir, String prefix) throws IOException {
        long rows = 0;
        for (Path f : files(dir, prefix)) {
            long lines = 0;
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            rows += Math.max(0, lines - 1);
        }
        return rows;
    }

    /** Rows and the sum of event_count (5th column) of the aggregate CSV files. */
    private static long[] aggregateCsv(Path dir) throws IOException {
        long rows = 0;
        long events = 0;
        for (Path f : files(dir, "aggregated_data_")) {
            List<String> lines = Files.readAllLines(f);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                rows++;
                events += Long.parseLong(line.split(",", -1)[4]);
            }
        }
        return new long[] {rows, events};
    }

    private static List<Path> files(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

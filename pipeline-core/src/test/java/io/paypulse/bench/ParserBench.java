package io.paypulse.bench;

import io.paypulse.config.Scenario;
import io.paypulse.event.LogEvent;
import io.paypulse.event.parse.IsoInstant;
import io.paypulse.event.parse.PythonLogLine;
import io.paypulse.event.reference.ReferenceLogLineParser;
import io.paypulse.generate.EventFactory;
import io.paypulse.json.Mappers;
import io.paypulse.schema.RawEventReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm cost of the processor's parse step per event, in process, one thread, on the two shapes the
 * generators write: the original Python project's ({@code "2026-01-01T00:00:00.000500+00:00"},
 * spaces after {@code :} and {@code ,}) and ours (Jackson, {@code "2026-01-01T00:00:00.123Z"}).
 * For each shape it times (a) the parser as it was before issue 11 ({@link ReferenceLogLineParser}:
 * Jackson streaming + {@code DateTimeFormatter}) and (b) what the processor calls now,
 * {@code RawEventReader.local().read}, alternating the two in each round; prints the median of
 * {@value #ROUNDS} rounds after {@value #WARMUP} warm-ups, and the ratio. Figures are the thread's
 * CPU time per event (see {@link #cpuNanos}).
 *
 * <p>Run: {@code make bench-parser} (or {@code bash pipeline-core/bench/run-parser-bench.sh} after
 * test-compile). {@code -Dbench.parser.events=N} changes the events per round (default 200,000).
 */
public final class ParserBench {

    private static final int WARMUP = 5;
    private static final int ROUNDS = 9;
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private ParserBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.parser.events", 200_000);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = t0.plusSeconds(86_400);
        EventFactory factory = new EventFactory(11L);
        byte[][] python = new byte[events][];
        byte[][] jackson = new byte[events][];
        for (int i = 0; i < events; i++) {
            // 2,000 events per second of event time, as in issue 11's measurement: microseconds vary
            LogEvent e = factory.next(t0.plusNanos(500_000L * i + 1_000L * (i % 7)), Scenario.NORMAL).event();
            python[i] = PythonLogLine.render(e);
            jackson[i] = Mappers.json().writeValueAsBytes(new LogEvent(
                    Instant.ofEpochMilli(e.timestamp().toEpochMilli()), e.level(), e.message()));
        }
        System.out.println("bench-parser: " + events + " events per round, " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("  python shape: " + new String(python[1], StandardCharsets.UTF_8));
        System.out.println("  jackson shape: " + new String(jackson[1], StandardCharsets.UTF_8));

        ReferenceLogLineParser before = new ReferenceLogLineParser();
        RawEventReader reader = RawEventReader.local();
        String[] shapes = {"python (+00:00, µs, spaces)", "jackson (Z, ms)"};
        byte[][][] inputs = {python, jackson};
        System.out.println();
        System.out.println("| Shape | before: reference parser, CPU ns/event | now: RawEventReader.local().read, CPU ns/event | before ÷ now | bytes allocated per event, before → now |");
        System.out.println("|---|---|---|---|---|");
        for (int s = 0; s < shapes.length; s++) {
            double[] old = new double[ROUNDS];
            double[] neu = new double[ROUNDS];
            long oldBytes = 0;
            long newBytes = 0;
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long a = cpuNanos();
                long ab = allocatedBytes();
                int ok = 0;
                for (byte[] v : inputs[s]) {
                    ok += before.parse(v, now).isOk() ? 1 : 0;
                }
                long b = cpuNanos();
                long bb = allocatedBytes();
                for (byte[] v : inputs[s]) {
                    ok += reader.read(v, now).isOk() ? 1 : 0;
                }
                long c = cpuNanos();
                long cb = allocatedBytes();
                if (ok != 2 * events) {
                    throw new IllegalStateException("expected every event to parse on both paths, got " + ok);
                }
                if (round >= WARMUP) {
                    old[round - WARMUP] = (b - a) / (double) events;
                    neu[round - WARMUP] = (c - b) / (double) events;
                    oldBytes += bb - ab;
                    newBytes += cb - bb;
                }
            }
            double o = median(old);
            double n = median(neu);
            System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %.1f× | %d → %d |%n", shapes[s],
                    o, min(old), max(old), n, min(neu), max(neu), o / n,
                    oldBytes / ((long) ROUNDS * events), newBytes / ((long) ROUNDS * events));
        }
        System.out.println("(median of " + ROUNDS + " rounds after " + WARMUP + " warm-ups; min–max in brackets)");

        System.out.println();
        System.out.println("| Timestamp only | before: DateTimeFormatter.parseBest, CPU ns | now: IsoInstant.parse, CPU ns | before ÷ now |");
        System.out.println("|---|---|---|---|");
        for (int s = 0; s < shapes.length; s++) {
            String[] stamps = new String[events];
            for (int i = 0; i < events; i++) {
                stamps[i] = Mappers.json().readTree(inputs[s][i]).get("timestamp").asText();
            }
            double[] old = new double[ROUNDS];
            double[] neu = new double[ROUNDS];
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long a = cpuNanos();
                long sum = 0;
                for (String t : stamps) {
                    sum += ReferenceLogLineParser.parseTimestamp(t).getNano();
                }
                long b = cpuNanos();
                for (String t : stamps) {
                    sum -= IsoInstant.parse(t).getNano();
                }
                long c = cpuNanos();
                if (sum != 0) {
                    throw new IllegalStateException("the two timestamp paths disagree");
                }
                if (round >= WARMUP) {
                    old[round - WARMUP] = (b - a) / (double) events;
                    neu[round - WARMUP] = (c - b) / (double) events;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f× |%n", shapes[s], median(old), median(neu),
                    median(old) / median(neu));
        }
    }

    /**
     * This thread's CPU time: on a shared, busy machine wall time mostly measures the other
     * processes (a thread waiting for a core), CPU time what the parse itself costs.
     */
    private static long cpuNanos() {
        return THREAD.getCurrentThreadCpuTime();
    }

    /** Bytes this thread allocated so far (HotSpot's extension of ThreadMXBean). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) THREAD).getCurrentThreadAllocatedBytes();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }
}

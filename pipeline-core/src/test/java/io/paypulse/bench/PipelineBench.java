package io.paypulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make bench}: runs the pipeline benchmarks in order against one embedded broker in a fresh
 * temp dir, then prints a Markdown table of figures and the resources each phase used. Not a test:
 * run it through {@code pipeline-core/bench/run-bench.sh} (which sets {@code -Xmx512m}).
 *
 * <p>System properties: {@code bench.events} (1000000), {@code bench.order} of the processor runs
 * ({@code exactly_once_v2,at_least_once,exactly_once_v2}: the first runs in a cold JVM, the last
 * once the JIT has compiled the pipeline's code), {@code bench.latency.rate} (10000),
 * {@code bench.latency.warmup} and {@code bench.latency.seconds} (10 and 60), {@code bench.skipLatency}
 * (false), {@code bench.cpuByThread} (false: true lists the busiest threads of each phase on stderr); for
 * experiments only, {@code bench.sinks} (true) and {@code bench.streamThreads} (1) change the processor.
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 1_000_000);
        List<String> order = List.of(System.getProperty("bench.order",
                "exactly_once_v2,at_least_once,exactly_once_v2").split(","));
        double rate = Double.parseDouble(System.getProperty("bench.latency.rate", "10000"));
        Duration warmup = Duration.ofSeconds(Long.getLong("bench.latency.warmup", 10));
        Duration measured = Duration.ofSeconds(Long.getLong("bench.latency.seconds", 60));

        long started = System.nanoTime();
        double loadBefore = ResourceMonitor.loadAverage();
        Report report = new Report();
        try (ResourceMonitor monitor = new ResourceMonitor()) {
            progress("starting the embedded broker");
            try (BenchEnv env = BenchEnv.start(monitor)) {
                progress("1a EventFactory alone, " + events + " events");
                EventFactoryBench.Result ef = EventFactoryBench.run(monitor, events);
                progress(String.format(Locale.ROOT, "   %.0f events/s", ef.factoryPerSecond()));
                progress("1b Generator, rate 0, " + events + " events");
                GeneratorBench.Result gen = GeneratorBench.run(env, events);
                progress(String.format(Locale.ROOT, "   %.0f events/s", gen.perSecond()));
                report.generator(ef, gen);
                for (String guarantee : order) {
                    progress("2  Processor " + guarantee + " on the pre-filled raw topic");
                    ProcessorBench.Result p = ProcessorBench.run(env, guarantee, events);
                    progress(String.format(Locale.ROOT, "   parsed %.0f events/s, windows closed after %.1f s",
                            p.parsedPerSecond(), p.closed()));
                    report.processor(p);
                }
                if (Boolean.getBoolean("bench.skipLatency")) {
                    report.memory(monitor);
                    throw new SkipRest();
                }
                progress("3  Latency at " + (long) rate + " events/s for " + warmup.plus(measured).toSeconds() + " s");
                LatencyBench.Result lat = LatencyBench.run(env, rate, warmup, measured);
                progress(String.format(Locale.ROOT, "   p50 %.0f ms, p99 %.0f ms", lat.p50Ms(), lat.p99Ms()));
                report.latency(lat);
                report.memory(monitor);
            } catch (SkipRest skipped) {
                progress("latency skipped (bench.skipLatency)");
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        String text = report.render(events, loadBefore, total);
        System.out.println(text);
        String out = System.getProperty("bench.output");
        if (out != null) {
            Path file = Path.of(out);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
            progress("figures also written to " + file);
        }
        System.exit(0); // Kafka leaves non-daemon threads behind in some versions
    }

    /** Ends the run early, for profiling one part. */
    private static final class SkipRest extends RuntimeException {
        SkipRest() {
            super(null, null, false, false);
        }
    }

    static void progress(String line) {
        System.err.println("bench " + DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now()) + " " + line);
    }

    /** Collects figures and renders them as Markdown. */
    static final class Report {
        private final List<String[]> rows = new ArrayList<>();
        private final List<ResourceMonitor.Usage> phases = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private long peakHeapAfterGc;
        private long peakHeapUsed;
        private long peakRss;

        void generator(EventFactoryBench.Result ef, GeneratorBench.Result g) {
            phases.add(ef.usage());
            phases.add(g.usage());
            row("1", "EventFactory alone (1 thread, in-process baseline)", rate(ef.factoryPerSecond()), "", "", ef.usage());
            row("1", "EventFactory + JSON serialisation", rate(ef.withJsonPerSecond()), "", "", ef.usage());
            row("1", "Generator to embedded broker, rate 0, acknowledged", rate(g.perSecond()), "", "", g.usage());
            row("1", "Generator / EventFactory ratio", fmt("%.2f", g.perSecond() / ef.factoryPerSecond()), "", "", g.usage());
            notes.add(fmt("Generator: %,d events in %.2f s, %d failed; raw topic %.1f MB on disk (lz4), JSON %.0f bytes/event.",
                    g.acknowledged(), g.seconds(), g.failed(), g.rawBytesOnDisk() / 1e6, ef.meanJsonBytes()));
        }

        void processor(ProcessorBench.Result p) {
            phases.add(p.usage());
            boolean eos = p.guarantee().startsWith("exactly");
            String name = "Processor #" + p.run() + " " + p.guarantee() + (p.run() == 1 ? " (cold JVM)" : "");
            row("2", name + ": events/s to all parsed (from start())", rate(p.parsedPerSecond()),
                    eos ? ">= 150k" : "", eos ? met(p.parsedPerSecond() >= 150_000, p.parsedPerSecond(), 150_000) : "",
                    p.usage());
            row("2", name + ": events/s to all parsed and parsed CSV rows durable",
                    rate(p.parsedAndCsvPerSecond()), eos ? ">= 150k" : "",
                    eos ? met(p.parsedAndCsvPerSecond() >= 150_000, p.parsedAndCsvPerSecond(), 150_000) : "", p.usage());
            row("2", name + ": s to all parsed / windowed (live) / CSV durable",
                    fmt("%.1f / %.1f / %.1f s", p.parsed(), p.windowed(), p.csv()), "", "", p.usage());
            row("2", name + ": last window final after (earliest possible + delay); late events",
                    fmt("%.1f s (+%.1f s); %,d late", p.closed(), p.closeAfterEarliest(), p.late()),
                    "0 late", met(p.late() == 0), p.usage());
            notes.add(fmt("Processor #%d %s: first event parsed %.1f s after start() (Streams start-up, rebalance);"
                            + " %.0f events/s from first to last parsed, best 5 s %.0f events/s. Parsed %,d, rejected %,d,"
                            + " late %,d; %d final windows. CSV: %,d parsed rows, %,d aggregate rows counting %,d events.",
                    p.run(), p.guarantee(), p.firstParsed(), p.steadyPerSecond(), p.best5sPerSecond(), p.parsedCount(),
                    p.rejected(), p.late(), p.finalWindows(), p.parsedCsvRows(), p.aggregateCsvRows(),
                    p.aggregateCsvEvents()));
        }

        void latency(LatencyBench.Result l) {
            phases.add(l.usage());
            row("3", "Event -> aggregate update latency p50 (EOS v2)", fmt("%.0f ms", l.p50Ms()), "", "", l.usage());
            row("3", "Event -> aggregate update latency p99 (EOS v2)", fmt("%.0f ms", l.p99Ms()), "<= 300 ms",
                    l.measured() == 0 ? "no data" : met(l.p99Ms() <= 300, l.p99Ms(), 300), l.usage());
            notes.add(fmt("Latency: %,d events sent in %.0f s (%.0f/s achieved, %d failed), %.0f s warm-up; %,d live"
                            + " updates measured of %,d (%d unmatched, %d final updates not counted);"
                            + " p90 %.0f ms, mean %.0f ms, max %.0f ms.",
                    l.sent(), l.warmupSeconds() + l.measuredSeconds(), l.achievedRate(), l.failed(), l.warmupSeconds(),
                    l.measured(), l.updates(), l.unmatched(), l.finals(), l.p90Ms(), l.meanMs(), l.maxMs()));
        }

        void memory(ResourceMonitor m) {
            peakHeapAfterGc = m.runPeakHeapAfterGc();
            peakHeapUsed = m.runPeakHeapUsed();
            peakRss = m.runPeakRss();
        }

        private void row(String n, String figure, String value, String target, String verdict, ResourceMonitor.Usage u) {
            rows.add(new String[] {n, figure, value, target, verdict,
                    fmt("%.2f -> %.2f", u.loadAtStart(), u.loadAtEnd()), fmt("%.2f", u.othersCores())});
        }

        String render(long events, double loadBefore, double totalSeconds) {
            StringBuilder b = new StringBuilder();
            b.append(fmt("## PayPulse bench, %s%n%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
            b.append(fmt("Machine: %d CPUs, %.1f GiB RAM, Java %s (%s), max heap %d MiB, %s %s. Load average before: %.2f."
                            + " Events per throughput run: %,d. Whole bench: %.0f s.%n%n",
                    Runtime.getRuntime().availableProcessors(), memTotalGiB(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("os.name"), System.getProperty("os.version"), loadBefore, events, totalSeconds));
            b.append("| # | Figure | Value | Target | Met | Load 1m (start -> end) | Other processes (cores busy) |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (String[] r : rows) {
                b.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            b.append(fmt("| 4 | Peak heap used after GC (whole run) | %d MiB | | | | |%n", peakHeapAfterGc >> 20));
            b.append(fmt("| 4 | Peak heap used, sampled (incl. garbage) | %d MiB | | | | |%n", peakHeapUsed >> 20));
            b.append(fmt("| 4 | Peak process RSS (VmHWM) | %d MiB | | | | |%n", peakRss >> 20));
            b.append("\n");
            for (String note : notes) {
                b.append("- ").append(note).append('\n');
            }
            b.append("\n| Phase | Wall s | JVM cores busy | Other processes cores | Heap after GC peak | RSS peak | GCs (pause s) | CPU s by part |\n");
            b.append("|---|---|---|---|---|---|---|---|\n");
            for (ResourceMonitor.Usage u : phases) {
                StringBuilder cpu = new StringBuilder();
                for (Map.Entry<String, Double> e : u.cpuByGroup().entrySet()) {
                    if (e.getValue() >= 0.05) {
                        cpu.append(cpu.length() == 0 ? "" : ", ").append(e.getKey()).append(fmt(" %.1f", e.getValue()));
                    }
                }
                b.append(fmt("| %s | %.1f | %.2f | %.2f | %d MiB | %d MiB | %d (%.2f) | %s |%n", u.phase(),
                        u.wallSeconds(), u.coresBusy(), u.othersCores(), u.peakHeapAfterGc() >> 20, u.peakRss() >> 20,
                        u.gcCount(), u.gcPauseSeconds(), cpu));
            }
            return b.toString();
        }

        private static String met(boolean ok) {
            return ok ? "yes" : "no";
        }

        private static String met(boolean ok, double value, double target) {
            return ok ? "yes" : fmt("no (%+.0f %%)", 100.0 * (value - target) / target);
        }

        private static String rate(double perSecond) {
            return fmt("%,.0f events/s", perSecond);
        }

        private static double memTotalGiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
            return Double.NaN;
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

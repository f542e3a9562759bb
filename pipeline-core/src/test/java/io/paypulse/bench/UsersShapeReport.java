package io.paypulse.bench;

import static io.paypulse.bench.PipelineBench.fmt;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The users'-shape figures as one Markdown table: each target of issue 11 next to its figure and
 * "met" or "missed by X"; figures without a target say so.
 */
final class UsersShapeReport {

    /** One processor pass, times from its start (JVM spawn, or the start of the warm fill). */
    record Pass(double first, double parsed, double csv, double finals, double cpuSeconds, int windows, long events,
            String threadCpu) {
        double parsedAndCsv() {
            return Math.max(parsed, csv);
        }

        double done() {
            return Math.max(parsedAndCsv(), finals);
        }
    }

    private final long events;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double baselinePerSecond = Double.NaN;
    private double coldPerSecond = Double.NaN;

    UsersShapeReport(long events) {
        this.events = events;
    }

    void fill(UsersShapeFill.Result f) {
        notes.add(fmt("Fill: %,d events on `payment` (%d partitions) in %.1f s (%,.0f events/s, bench producer with the"
                        + " generator's settings), event time %s to %s, %d windows x groups.", f.events(),
                UsersShapeBench.PARTITIONS, f.seconds(), f.perSecond(), f.firstEventTime(), f.lastEventTime(),
                f.truth().expected().size()));
    }

    void baseline(double wall, double loop, double cpu) {
        baselinePerSecond = events / wall;
        row("Baseline: bare KafkaConsumer + RawEventReader.local(), fresh JVM, JVM start to exit",
                fmt("%.1f s (%,.0f events/s), %.1f CPU-s; loop alone %.1f s (%,.0f events/s)", wall, baselinePerSecond,
                        cpu, loop, events / loop), "the ceiling", "");
    }

    void cold(Pass p, long rssBytes) {
        coldPerSecond = events / p.done();
        // The target is 10 s for 1M events; for other sizes its rate (start-up weighs more on fewer events).
        row("Cold: process start to all windows final and enriched CSV durable",
                fmt("%.1f s (%,.0f events/s)", p.done(), coldPerSecond), "<= 10 s per 1M events (>= 100k events/s)",
                verdict(coldPerSecond >= 100_000, fmt("%,.0f events/s (%.1fx the time)", 100_000 - coldPerSecond,
                        100_000 / coldPerSecond)));
        row("Cold: process start to all parsed and enriched CSV durable",
                fmt("%.1f s (%,.0f events/s); parsed %.1f s, CSV %.1f s", p.parsedAndCsv(), events / p.parsedAndCsv(),
                        p.parsed(), p.csv()), "", "");
        row("Cold: process start to all windows final", fmt("%.1f s", p.finals()), "", "");
        row("Cold: process start to the first events committed (JVM and Streams start-up, first batch)",
                fmt("%.1f s; then %,.0f events/s to all parsed", p.first(), events / (p.parsed() - p.first())), "", "");
        double perMillion = p.cpuSeconds() / (events / 1e6);
        row("Cold: CPU-s per million events (process JVM, utime+stime)", fmt("%.1f CPU-s (%.1f in all)", perMillion,
                p.cpuSeconds()), "<= 12", verdict(perMillion <= 12, fmt("%.1f CPU-s (%.1fx)", perMillion - 12,
                perMillion / 12)));
        row("Cold: CPU by thread (names as /proc shows them)", p.threadCpu(), "", "");
        row("Cold: peak RSS of the process JVM (VmHWM)", fmt("%d MB", rssBytes / 1_000_000), "no target", "");
        double ratio = coldPerSecond / baselinePerSecond;
        row("Processor / baseline: events/s of the cold headline (all final, CSV durable) over the baseline's, both from JVM start", fmt("%.2f", ratio), ">= 0.5",
                verdict(ratio >= 0.5, fmt("%.2f", 0.5 - ratio)));
        checked("cold", p);
    }

    void warm(Pass p, UsersShapeFill.Result fill, long rssBytes) {
        double rate = events / p.parsedAndCsv();
        row("Warm: second batch in the same JVM (one transaction), its commit to all parsed and enriched CSV durable",
                fmt("%.1f s (%,.0f events/s); the fill before it took %.1f s", p.parsedAndCsv(), rate, fill.seconds()),
                ">= 200k events/s",
                verdict(rate >= 200_000, fmt("%,.0f events/s", 200_000 - rate)));
        row("Warm: CPU-s per million events", fmt("%.1f CPU-s", p.cpuSeconds() / (events / 1e6)), "", "");
        row("Warm: CPU by thread", p.threadCpu(), "", "");
        notes.add(fmt("Warm pass: a second batch of %,d events is produced in one transaction while the same process"
                + " JVM runs (%.1f s); the processor and its sink read committed, so they see the whole batch at the"
                + " commit, which starts the clock: the producer does not share the cores during the timed part."
                + " The processor had gone idle after the cold pass, so its watermark follows the wall"
                + " clock: the batch's event time starts 30 s after the wall clock (%s), 2,000/s, and its windows close only when"
                + " the wall clock reaches them (an event moves its partition at most to its send time + grace,"
                + " decision 0010); they are not waited for. Peak RSS after it: %d MB.",
                events, fill.seconds(), fill.firstEventTime(), rssBytes / 1_000_000));
    }

    void threads2(Pass p) {
        row("Scale: process --threads 2, start to all windows final and CSV durable",
                fmt("%.1f s (%,.0f events/s), %.1f CPU-s", p.done(), events / p.done(), p.cpuSeconds()), "no target",
                compare(p.done()));
        checked("--threads 2", p);
    }

    void twoInstances(Pass p, double secondCpu) {
        row("Scale: two process instances (2nd --no-sinks), first start to all windows final and CSV durable",
                fmt("%.1f s (%,.0f events/s), %.1f + %.1f CPU-s", p.done(), events / p.done(), p.cpuSeconds(),
                        secondCpu), "no target", compare(p.done()));
        checked("two instances", p);
    }

    void latency(PacedLatency.Result l) {
        boolean low = l.rate() <= 10_000;
        double target = low ? 250 : 1000;
        row(fmt("Latency p50 / p99 / max at %,.0f events/s (event -> live aggregate)", l.rate()),
                fmt("%.0f / %.0f / %.0f ms (achieved %,.0f events/s, %,d updates)", l.p50Ms(), l.p99Ms(), l.maxMs(),
                        l.achievedRate(), l.measured()),
                l.rate() == 10_000 || l.rate() == 100_000 ? fmt("p99 <= %.0f ms", target) : "",
                l.measured() == 0 ? "no data" : l.rate() == 10_000 || l.rate() == 100_000
                        ? verdict(l.p99Ms() <= target, fmt("%.0f ms", l.p99Ms() - target)) : "");
        if (l.unmatched() > 0 || l.failed() > 0) {
            notes.add(fmt("Latency at %,.0f events/s: %d updates unmatched, %d sends failed.", l.rate(), l.unmatched(),
                    l.failed()));
        }
    }

    private void checked(String pass, Pass p) {
        notes.add(fmt("Checked (%s): all %d final aggregates (windows x groups) equal the ground truth exactly"
                + " (count and sum), each emitted once.", pass, p.windows()));
    }

    private String compare(double seconds) {
        return Double.isNaN(coldPerSecond) ? "" : fmt("%.2fx the 1-thread cold time", seconds / (events / coldPerSecond));
    }

    private static String verdict(boolean met, String by) {
        return met ? "met" : "missed by " + by;
    }

    private void row(String figure, String value, String target, String verdict) {
        rows.add(new String[] {figure, value, target, verdict});
    }

    String render(Duration took) {
        StringBuilder b = new StringBuilder();
        b.append(fmt("## PayPulse users' shape (issue 11), %s%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        b.append(fmt("Machine: %d CPUs, Java %s; load average at the end: %.2f. %,d events per pass in the original"
                        + " project's format. Broker, processor and baseline each in their own JVM. Whole run %d s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ResourceMonitor.loadAverage(), events, took.toSeconds()));
        b.append("| Figure | Value | Target | Met |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        b.append('\n');
        notes.forEach(n -> b.append("- ").append(n).append('\n'));
        return b.toString();
    }
}

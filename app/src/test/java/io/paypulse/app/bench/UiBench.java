package io.paypulse.app.bench;

import com.sun.javafx.tk.TKPulseListener;
import com.sun.javafx.tk.Toolkit;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.paypulse.app.AppOptions;
import io.paypulse.app.PayPulseApp;
import io.paypulse.app.dashboard.ChartSeries;
import io.paypulse.app.dashboard.DashboardViewModel;
import io.paypulse.app.dashboard.TimeRange;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.fx.FxThread;
import io.paypulse.app.session.GeneratorControl;
import io.paypulse.app.session.Session;
import io.paypulse.config.ConfigKeys;
import io.paypulse.event.Group;
import io.paypulse.event.WindowAggregate;
import io.paypulse.pipeline.LocalPipeline;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * UI benchmark ({@code make bench-ui}): the real app (same wiring as {@code Launcher}, started in
 * this JVM on a headless Monocle screen with the software renderer) with --autostart, a temp data
 * dir, broker port 0 and the generator at {@code bench.rate} events/s (default 50000). After
 * {@code bench.warmup} s (default 20) it measures for {@code bench.duration} s (default 300):
 *
 * <ul>
 *   <li>layout pulse: main scene pre-layout → post-layout pulse listener = CSS + layout of the scene;</li>
 *   <li>scene pulse: toolkit stage pulse listener → post-scene pulse listener = the FX thread's part of
 *       a pulse for all scenes (CSS, layout, syncing dirty nodes to the render tree). Rendering itself
 *       runs on the QuantumRenderer thread and is not in either figure;</li>
 *   <li>tick: time of each ticker render task (snapshot → view models → controls) on the FX thread;</li>
 *   <li>heap used after GC (GC notifications, sampled every 10 s) and after a forced full GC at start/end;</li>
 *   <li>generator sent/s and processor parsed/s (the pipeline's own counters), and the processor's backlog
 *       (events sent but not yet parsed) at the start and end of the measured interval: flat = it keeps up;</li>
 *   <li>CPU: the process's CPU-s and the FX thread's CPU ms per scene pulse, to tell FX work from starvation.</li>
 * </ul>
 *
 * Then (issue 13, {@code bench.history} s per range, default 60, 0 = skip) a week of 1-minute history is
 * loaded and the charts are measured at the 15-min range (baseline) and at 7 days: see {@link #historyPhases}.
 *
 * <p>Not a test (not named *Test): run through {@code app/bench-ui.sh}.
 */
public final class UiBench {

    private static final double MS = 1e6;
    private static final TKPulseListener[] TK_LISTENERS = new TKPulseListener[2];
    private static final AtomicLong FX_THREAD_ID = new AtomicLong(-1);
    private static final AtomicReference<PulseProfiler> PROFILER = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        int duration = Integer.getInteger("bench.duration", 300);
        int warmup = Integer.getInteger("bench.warmup", 20);
        int rate = Integer.getInteger("bench.rate", 50_000);
        Path dir = Files.createTempDirectory("paypulse-bench-ui");
        try {
            run(dir, duration, warmup, rate);
        } finally {
            deleteQuietly(dir);
        }
        System.exit(0);
    }

    /** The app with timing hooks: every ticker render task is timed on the FX thread. */
    static final class BenchApp extends PayPulseApp {
        final Samples ticks = new Samples();
        volatile boolean measuring;
        /** While set: scene pulses [0] and ticks [1] of one history phase (written on the FX thread). */
        volatile Samples[] phase;

        BenchApp(AppOptions o) {
            super(o);
        }

        @Override
        protected Executor tickExecutor() {
            return task -> FxThread.run(() -> {
                long t0 = System.nanoTime();
                try {
                    task.run();
                } finally {
                    if (measuring) {
                        ticks.add(System.nanoTime() - t0);
                    }
                    Samples[] p = phase;
                    if (p != null) {
                        p[1].add(System.nanoTime() - t0);
                    }
                }
            });
        }

        Session session() {
            return currentSession();
        }
    }

    /** Long samples, written on one thread (the FX thread), read after measuring stops. */
    static final class Samples {
        private long[] v = new long[1 << 14];
        private int n;

        void add(long x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }

        synchronized long[] inOrder() {
            return Arrays.copyOf(v, n);
        }

        synchronized long[] sorted() {
            long[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            return s;
        }

        static double pct(long[] s, double p) {
            if (s.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
            return s[Math.max(0, Math.min(s.length - 1, i))] / MS;
        }
    }

    static void run(Path dir, int duration, int warmup, int rate) throws Exception {
        Path settings = dir.resolve("app.json");
        Files.writeString(settings, "{\"rate\": " + rate + ", \"width\": 1280, \"height\": 800}");
        Map<String, String> overrides = new HashMap<>();
        overrides.put(ConfigKeys.DATA_DIR, dir.resolve("data").toString());
        overrides.put(ConfigKeys.BROKER_PORT, "0");
        overrides.put(ConfigKeys.RATE, Integer.toString(rate));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        AppOptions options = new AppOptions(settings, overrides, true, env);

        HeapWatch heap = new HeapWatch();
        AtomicReference<BenchApp> appRef = new AtomicReference<>();
        AtomicReference<Stage> stageRef = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            try {
                BenchApp app = new BenchApp(options);
                Stage stage = new Stage();
                app.init();
                app.start(stage);
                appRef.set(app);
                stageRef.set(stage);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                shown.countDown();
            }
        });
        shown.await();
        BenchApp app = appRef.get();
        if (app == null) {
            throw new IllegalStateException("The app did not start");
        }

        // Pulse listeners (FX thread only).
        Samples layout = new Samples();
        Samples scenePulse = new Samples();
        Samples longPulseEnds = new Samples(); // JVM uptime (ns) at the end of each measured pulse > 16 ms
        Samples longPulseLengths = new Samples();
        long[] t = new long[3];
        Samples pulseCpu = new Samples(); // FX thread CPU time of each measured scene pulse
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch hooked = new CountDownLatch(1);
        Platform.runLater(() -> {
            Scene scene = stageRef.get().getScene();
            scene.addPreLayoutPulseListener(() -> t[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                if (app.measuring && t[0] != 0) {
                    layout.add(System.nanoTime() - t[0]);
                }
                t[0] = 0;
            });
            // The toolkit keeps its pulse listeners in WeakHashMaps: hold them strongly here.
            PulseProfiler profiler = Boolean.getBoolean("bench.pulseProfile") ? new PulseProfiler(Thread.currentThread()) : null;
            PROFILER.set(profiler);
            TK_LISTENERS[0] = () -> {
                t[1] = System.nanoTime();
                t[2] = threads.getCurrentThreadCpuTime();
                if (profiler != null && app.measuring) {
                    profiler.pulseStarted();
                }
            };
            TK_LISTENERS[1] = () -> {
                if (app.measuring && t[1] != 0) {
                    long d = System.nanoTime() - t[1];
                    scenePulse.add(d);
                    long cpuNanos = threads.getCurrentThreadCpuTime() - t[2];
                    pulseCpu.add(cpuNanos);
                    if (profiler != null) {
                        profiler.pulseEnded(cpuNanos);
                    }
                    if (d > 16 * MS) {
                        longPulseEnds.add(Uptime.nanos());
                        longPulseLengths.add(d);
                    }
                }
                Samples[] p = app.phase;
                if (p != null && t[1] != 0) {
                    p[0].add(System.nanoTime() - t[1]);
                }
                t[1] = 0;
            };
            FX_THREAD_ID.set(Thread.currentThread().getId());
            Toolkit tk = Toolkit.getToolkit();
            tk.addStageTkPulseListener(TK_LISTENERS[0]);
            tk.addPostSceneTkPulseListener(TK_LISTENERS[1]);
            hooked.countDown();
        });
        hooked.await();

        long startWait = System.nanoTime();
        Session session;
        while ((session = app.session()) == null) {
            if (System.nanoTime() - startWait > TimeUnit.SECONDS.toNanos(180)) {
                throw new IllegalStateException("No session after 180 s (did the embedded pipeline start?)");
            }
            Thread.sleep(200);
        }
        System.out.printf("Session up after %.1f s: %s%n", (System.nanoTime() - startWait) / 1e9, session.description());
        GeneratorControl gen = session.generator().orElseThrow();
        LongSupplier parsed = parsedCounter(session);
        System.out.printf("Generator rate %.0f events/s; warm-up %d s, then measuring %d s%n", gen.rate(), warmup, duration);
        Thread.sleep(warmup * 1000L);

        double heapStart = heap.fullGcUsedMb(true);
        String loadStart = loadavg();
        long sent0 = gen.sent();
        long parsed0 = parsed.getAsLong();
        CpuClock cpu = new CpuClock(FX_THREAD_ID.get());
        long[] safepoints0 = Safepoints.now();
        long t0 = System.nanoTime();
        app.measuring = true;
        List<Double> afterGc = new ArrayList<>();
        System.out.println("   t s  heap after last GC MB  heap used MB  sent/s   parsed/s  backlog  load");
        long lastSent = sent0;
        long lastParsed = parsed0;
        long lastT = t0;
        for (int i = 1; i <= Math.max(1, duration / 10); i++) {
            long due = t0 + TimeUnit.SECONDS.toNanos(10L * i);
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            long now = System.nanoTime();
            long s = gen.sent();
            long p = parsed.getAsLong();
            double dt = (now - lastT) / 1e9;
            double ag = heap.afterGcMb();
            afterGc.add(ag);
            System.out.printf("%6d  %21.0f  %12.0f  %7.0f  %8.0f  %7d  %s%n", 10 * i, ag, heap.usedMb(),
                    (s - lastSent) / dt, (p - lastParsed) / dt, s - p, loadavg());
            lastSent = s;
            lastParsed = p;
            lastT = now;
        }
        app.measuring = false;
        heap.counting = false;
        double secs = (System.nanoTime() - t0) / 1e9;
        long sent = gen.sent() - sent0;
        long parsedEnd = parsed.getAsLong();
        long processed = parsedEnd - parsed0;
        long backlogStart = sent0 - parsed0;
        long backlogEnd = sent0 + sent - parsedEnd;
        double[] cpuUsed = cpu.sinceStart();
        long[] safepoints = Safepoints.now();
        String loadEnd = loadavg();
        Thread.sleep(300); // let an in-flight pulse finish before reading the samples
        long[] lay = syncRead(layout);
        long[] pul = syncRead(scenePulse);
        int longPulsesInGc = heap.overlapping(syncRead(longPulseEnds, false), syncRead(longPulseLengths, false));
        long[] tic = syncRead(app.ticks);
        double heapEnd = heap.fullGcUsedMb(false);

        double maxAfterGc = afterGc.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.println();
        System.out.printf("UI bench: %d s measured (after %d s warm-up), generator target %d events/s, Monocle headless, prism sw%n",
                Math.round(secs), warmup, rate);
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        row("layout pulses (scene pre→post layout: CSS + layout)", String.valueOf(lay.length));
        row("layout pulse p50 / p99 / max ms", fmt(lay));
        row("scene pulses (toolkit stage→post-scene listener: CSS + layout + sync, all scenes)", String.valueOf(pul.length));
        row("scene pulse p50 / p99 / max ms", fmt(pul));
        row("scene pulse FX-thread CPU p50 / p99 / max ms (wall far above CPU = waiting: GC or starvation)",
                fmt(syncRead(pulseCpu)));
        row("pulses > 16 ms (scene pulse)", String.valueOf(Arrays.stream(pul).filter(x -> x > 16 * MS).count()));
        row("of those, pulses overlapping a GC pause (the rest: FX work or CPU starvation)",
                String.valueOf(longPulsesInGc));
        row("ticks (ticker render tasks on the FX thread)", String.valueOf(tic.length));
        row("tick p50 / p99 / max ms", fmt(tic));
        row("heap after full GC MB, start / end", String.format("%.0f / %.0f", heapStart, heapEnd));
        row("heap after GC (10 s samples) MB, first / last / max", String.format("%.0f / %.0f / %.0f",
                afterGc.get(0), afterGc.get(afterGc.size() - 1), maxAfterGc));
        row("GC pauses during the run: count / max ms / total ms", heap.pauses());
        row("generator sent events/s (achieved)", String.format("%.0f (%d events)", sent / secs, sent));
        row("processor parsed events/s (achieved)", String.format("%.0f (%d events)", processed / secs, processed));
        row("processor backlog (sent − parsed) at start / end, events", String.format("%d / %d (%s)", backlogStart,
                backlogEnd, backlogEnd - backlogStart <= rate ? "keeps up" : "falls behind by "
                        + Math.round((backlogEnd - backlogStart) / secs) + " events/s"));
        row("process CPU-s during the run (of " + Math.round(secs * Runtime.getRuntime().availableProcessors())
                + " core-s) / FX thread and renderer thread CPU ms per scene pulse", String.format("%.1f / %.2f / %.2f",
                cpuUsed[0], perPulseMs(cpuUsed[1], pul.length), perPulseMs(cpuUsed[2], pul.length)));
        row("garbage collector", heap.collectors());
        row("safepoints (all VM stops: GC and others): count / total ms / ms spent reaching them", safepoints[0] < 0
                ? "not readable (run with --add-exports java.management/sun.management=ALL-UNNAMED)"
                : (safepoints[0] - safepoints0[0]) + " / " + (safepoints[1] - safepoints0[1]) + " / "
                        + (safepoints[2] - safepoints0[2]));
        row("load average start / end (1, 5, 15 min)", loadStart + " / " + loadEnd);
        row("cores / max heap", Runtime.getRuntime().availableProcessors() + " / "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");

        if (PROFILER.get() != null) {
            System.out.println();
            System.out.println(PROFILER.get().report(15));
        }

        int historySeconds = Integer.getInteger("bench.history", 60);
        if (historySeconds > 0) {
            historyPhases(app, session, historySeconds);
        }

        app.shutdownForTest().get(90, TimeUnit.SECONDS);
        Platform.exit();
    }

    /**
     * Issue 13: a week of 1-minute history (10,080 minutes x 4 groups, as the backfill would load it) under
     * the live pipeline, drawn first at the 15-min range (the baseline), then at 7 days, {@code seconds}
     * each, with the generator still running (live updates every 100 ms). Prints FX pulse and tick
     * percentiles of both phases side by side.
     */
    static void historyPhases(BenchApp app, Session session, int seconds) throws Exception {
        LiveData data = session.data();
        Instant open = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Random r = new Random(7);
        for (int i = 7 * 24 * 60; i >= 2; i--) {
            Instant start = open.minus(Duration.ofMinutes(i));
            for (Group g : Group.ALL) {
                long n = (g.failed() ? 300 : 2700) + r.nextInt(300);
                data.onHistory(new WindowAggregate(start, start.plusSeconds(60), g.type(), g.failed(),
                        n, n * 50_000, true));
            }
        }
        DashboardViewModel vm = dashboard(app);
        String[] names = {"15 min (baseline)", "7 days"};
        TimeRange[] ranges = {TimeRange.MINUTES_15,
                TimeRange.DAYS_7};
        long[][][] results = new long[2][][];
        String[] loads = new String[2];
        int[] points = new int[2];
        for (int k = 0; k < 2; k++) {
            TimeRange range = ranges[k];
            Platform.runLater(() -> vm.selectRange(range));
            Thread.sleep(5_000); // settle: the first frame at this range, a GC
            Samples[] p = {new Samples(), new Samples()};
            app.phase = p;
            Thread.sleep(seconds * 1000L);
            app.phase = null;
            loads[k] = loadavg();
            Thread.sleep(300);
            results[k] = new long[][] {syncRead(p[0]), syncRead(p[1])};
            AtomicReference<Integer> n = new AtomicReference<>(0);
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                int sum = 0;
                for (ChartSeries c : ChartSeries.values()) {
                    sum += vm.frameProperty().get().line(c).size();
                }
                n.set(sum);
                done.countDown();
            });
            done.await(10, TimeUnit.SECONDS);
            points[k] = n.get();
        }
        System.out.println();
        System.out.printf("History ranges (issue 13): a week of 1-minute points (10,080 x 4 groups) under live updates, "
                + "%d s per range, same JVM and pipeline%n", seconds);
        System.out.println("| range | scene pulses | scene pulse p50 / p99 / max ms | pulses > 16 ms | ticks | tick p50 / p99 / max ms | points drawn (7 series) | load (1, 5, 15 min) at end |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int k = 0; k < 2; k++) {
            long[] pul = results[k][0];
            long[] tic = results[k][1];
            System.out.printf("| %s | %d | %s | %d | %d | %s | %d | %s |%n", names[k], pul.length, fmt(pul),
                    Arrays.stream(pul).filter(x -> x > 16 * MS).count(), tic.length, fmt(tic), points[k], loads[k]);
        }
    }

    /** The app's dashboard view model (private field: a bench may peek). */
    private static DashboardViewModel dashboard(PayPulseApp app) throws ReflectiveOperationException {
        Field f = PayPulseApp.class.getDeclaredField("dashboard");
        f.setAccessible(true);
        return (DashboardViewModel) f.get(app);
    }

    private static long[] syncRead(Samples s) throws Exception {
        return syncRead(s, true);
    }

    private static long[] syncRead(Samples s, boolean sorted) throws Exception {
        AtomicReference<long[]> out = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            out.set(sorted ? s.sorted() : s.inOrder());
            done.countDown();
        });
        done.await(30, TimeUnit.SECONDS);
        return out.get();
    }

    private static double perPulseMs(double cpuSeconds, int pulses) {
        return pulses == 0 ? Double.NaN : cpuSeconds * 1000 / pulses;
    }

    private static void row(String k, String v) {
        System.out.println("| " + k + " | " + v + " |");
    }

    private static String fmt(long[] s) {
        return String.format("%.2f / %.2f / %.2f", Samples.pct(s, 50), Samples.pct(s, 99),
                s.length == 0 ? Double.NaN : s[s.length - 1] / MS);
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** The processor's parsed counter, via the session's embedded pipeline (private field: a bench may peek). */
    private static LongSupplier parsedCounter(Session session) {
        try {
            Field f = session.getClass().getDeclaredField("pipeline");
            f.setAccessible(true);
            LocalPipeline p = (LocalPipeline) f.get(session);
            return () -> p.processor().stats().parsedCount();
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("Processor counter not reachable (" + e + "); reporting -1");
            return () -> -1;
        }
    }

    /** JVM uptime in nanoseconds on the monotonic clock, the time base of GC pause start times. */
    static final class Uptime {
        private static final long ORIGIN = System.nanoTime()
                - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

        static long nanos() {
            return System.nanoTime() - ORIGIN;
        }
    }

    /**
     * HotSpot's safepoint counters {count, total ms, sync ms}: every stop of all Java threads, GC or not, and the
     * time spent bringing the threads to it (long under CPU starvation). {-1, -1, -1} when not exported.
     */
    static final class Safepoints {
        static long[] now() {
            try {
                Object bean = Class.forName("sun.management.ManagementFactoryHelper")
                        .getMethod("getHotspotRuntimeMBean").invoke(null);
                Class<?> type = Class.forName("sun.management.HotspotRuntimeMBean");
                return new long[] {(long) type.getMethod("getSafepointCount").invoke(bean),
                    (long) type.getMethod("getTotalSafepointTime").invoke(bean),
                    (long) type.getMethod("getSafepointSyncTime").invoke(bean)};
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new long[] {-1, -1, -1};
            }
        }
    }

    /**
     * CPU time since construction of the whole process, the FX thread and Prism's render thread (which draws
     * each frame in software here; a pulse waits for the previous frame's rendering before it syncs).
     */
    static final class CpuClock {
        private final long fxThread;
        private final long renderThread;
        private final long process0;
        private final long fx0;
        private final long render0;

        CpuClock(long fxThread) {
            this.fxThread = fxThread;
            this.renderThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
            this.process0 = processCpuNanos();
            this.fx0 = threadCpuNanos(fxThread);
            this.render0 = threadCpuNanos(renderThread);
        }

        /** {process, FX thread, render thread} CPU-s since construction. */
        double[] sinceStart() {
            return new double[] {(processCpuNanos() - process0) / 1e9, (threadCpuNanos(fxThread) - fx0) / 1e9,
                (threadCpuNanos(renderThread) - render0) / 1e9};
        }

        private static long threadCpuNanos(long id) {
            return id < 0 ? 0 : Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(id));
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    /** Heap used after each GC (from GC notifications) and GC pause statistics. */
    static final class HeapWatch {
        private final Set<String> heapPools;
        private volatile long lastAfterGc = -1;
        private final AtomicLong pauses = new AtomicLong();
        private final AtomicLong pauseMs = new AtomicLong();
        private final AtomicLong maxPauseMs = new AtomicLong();
        /** Counted pauses as {start, end} in ms of JVM uptime. */
        private final List<long[]> pauseSpans = new ArrayList<>();
        volatile boolean counting;

        HeapWatch() {
            heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).map(Map.Entry::getValue)
                            .mapToLong(MemoryUsage::getUsed).sum();
                    lastAfterGc = used;
                    // "end of minor/major GC" are pauses; G1's concurrent cycle and ZGC's cycles are not.
                    String name = info.getGcName();
                    if (counting && !name.contains("Concurrent") && !name.contains("Cycles")) {
                        long d = info.getGcInfo().getDuration();
                        pauses.incrementAndGet();
                        pauseMs.addAndGet(d);
                        maxPauseMs.accumulateAndGet(d, Math::max);
                        synchronized (pauseSpans) {
                            pauseSpans.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime()});
                        }
                    }
                }, null, null);
            }
        }

        double afterGcMb() {
            return lastAfterGc / (double) (1 << 20);
        }

        double usedMb() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (double) (1 << 20);
        }

        /** Forces a full GC (outside the measured interval) and returns the heap used after it. */
        double fullGcUsedMb(boolean countPausesAfter) {
            counting = false;
            System.gc();
            double mb = usedMb();
            counting = countPausesAfter;
            return mb;
        }

        /**
         * How many pulses overlap a counted GC pause, for pulses given by their end (ns of uptime) and length;
         * 1 ms of slack each side, the resolution of the GC's own times.
         */
        int overlapping(long[] ends, long[] lengths) {
            int n = 0;
            synchronized (pauseSpans) {
                for (int i = 0; i < ends.length; i++) {
                    long endMs = ends[i] / 1_000_000 + 1;
                    long startMs = (ends[i] - lengths[i]) / 1_000_000 - 1;
                    for (long[] p : pauseSpans) {
                        if (p[0] <= endMs && p[1] >= startMs) {
                            n++;
                            break;
                        }
                    }
                }
            }
            return n;
        }

        String collectors() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                    .collect(Collectors.joining(", "));
        }

        String pauses() {
            return pauses.get() + " / " + maxPauseMs.get() + " / " + pauseMs.get();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.out.println("Could not delete " + dir + ": " + e);
        }
    }
}

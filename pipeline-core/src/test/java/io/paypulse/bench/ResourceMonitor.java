package io.paypulse.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM while benchmarks run: heap used after each GC (from GC notifications, the
 * closest thing to a live-set figure), heap used and process RSS sampled every 100 ms, and CPU
 * time per thread group between {@link #begin} and {@link #end}.
 */
final class ResourceMonitor implements AutoCloseable {

    /** What one phase used. CPU figures in seconds of CPU; wall in seconds. */
    record Usage(String phase, double loadAtStart, double loadAtEnd, double wallSeconds, long peakHeapAfterGc, long peakHeapUsed, long peakRss,
                 int gcCount, double gcPauseSeconds, double jitSeconds, double processCpuSeconds, double othersCpuSeconds,
                 Map<String, Double> cpuByGroup) {

        /** Cores this JVM kept busy on average. */
        double coresBusy() {
            return processCpuSeconds / wallSeconds;
        }

        /** Cores the rest of the machine (other processes) kept busy on average, from /proc/stat. */
        double othersCores() {
            return othersCpuSeconds / wallSeconds;
        }
    }

    private final Set<String> heapPools;
    private final AtomicLong phaseHeapAfterGc = new AtomicLong();
    private final AtomicLong phaseHeapUsed = new AtomicLong();
    private final AtomicLong phaseRss = new AtomicLong();
    private final AtomicLong runHeapAfterGc = new AtomicLong();
    private final AtomicLong runHeapUsed = new AtomicLong();
    private final AtomicLong runRss = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private String phase;
    private long phaseStartNanos;
    private long phaseStartCpu;
    private Map<Long, Long> threadCpuAtStart;
    private Map<Long, String> threadNames;
    /** CPU time of every thread as last seen by the sampler, so threads that end mid-phase still count. */
    private final Map<Long, Long> lastSeenCpu = new ConcurrentHashMap<>();
    private final Map<Long, String> lastSeenNames = new ConcurrentHashMap<>();
    private long gcCountAtStart;
    private long gcMillisAtStart;
    private long machineBusyAtStart;
    private double loadAtStart;
    private long jitMillisAtStart;
    private Map<String, Long> nativeAtStart;

    ResourceMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long after = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            after += e.getValue().getUsed();
                        }
                    }
                    max(phaseHeapAfterGc, after);
                    max(runHeapAfterGc, after);
                }
            }, null, null);
        }
        threads.setThreadCpuTimeEnabled(true);
        sampler = new Thread(this::sample, "bench-resource-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        int tick = 0;
        while (running) {
            if (tick++ % 2 == 0) {
                Map<Long, String> names = new HashMap<>();
                threadCpu(names).forEach((id, t) -> lastSeenCpu.merge(id, t, Math::max));
                lastSeenNames.putAll(names);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = rssBytes();
            max(phaseHeapUsed, heap);
            max(runHeapUsed, heap);
            max(phaseRss, rss);
            max(runRss, rss);
            try {
                Thread.sleep(100); // sampling period
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void begin(String name) {
        phase = name;
        phaseHeapAfterGc.set(0);
        phaseHeapUsed.set(0);
        phaseRss.set(rssBytes());
        threadNames = new HashMap<>();
        threadCpuAtStart = threadCpu(threadNames);
        lastSeenCpu.forEach(threadCpuAtStart::putIfAbsent); // threads that already ended count nothing here
        phaseStartCpu = os.getProcessCpuTime();
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
        machineBusyAtStart = machineBusyNanos();
        jitMillisAtStart = jitMillis();
        nativeAtStart = jvmNativeThreadCpu();
        loadAtStart = loadAverage();
        phaseStartNanos = System.nanoTime();
    }

    /** Call before stopping the phase's threads, or their CPU time is lost with them. */
    synchronized Usage end() {
        double wall = (System.nanoTime() - phaseStartNanos) / 1e9;
        long cpu = os.getProcessCpuTime() - phaseStartCpu;
        long machine = machineBusyNanos() - machineBusyAtStart;
        Map<Long, Long> now = threadCpu(threadNames);
        for (Map.Entry<Long, Long> e : lastSeenCpu.entrySet()) { // threads that ended since the sampler saw them
            if (!now.containsKey(e.getKey()) && e.getValue() > threadCpuAtStart.getOrDefault(e.getKey(), 0L)) {
                now.put(e.getKey(), e.getValue());
                threadNames.putIfAbsent(e.getKey(), lastSeenNames.get(e.getKey()));
            }
        }
        Map<String, Double> groups = new TreeMap<>();
        long javaThreads = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            long used = e.getValue() - threadCpuAtStart.getOrDefault(e.getKey(), 0L);
            if (used <= 0) {
                continue;
            }
            javaThreads += used;
            groups.merge(ThreadGroups.of(threadNames.get(e.getKey())), used / 1e9, Double::sum);
        }
        if (Boolean.getBoolean("bench.cpuByThread")) {
            System.err.println("bench: top threads by CPU in phase " + phase);
            now.entrySet().stream()
                    .map(e -> Map.entry(threadNames.get(e.getKey()), e.getValue() - threadCpuAtStart.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                    .forEach(e -> System.err.printf("  %6.2f s  %-22s %s%n", e.getValue() / 1e9, ThreadGroups.of(e.getKey()), e.getKey()));
        }
        // JIT compiler and GC threads are not Java threads: read them from /proc. What is left is
        // other JVM threads (VM thread...) and Java threads that ended during the phase.
        long nativeTotal = 0;
        for (Map.Entry<String, Long> e : jvmNativeThreadCpu().entrySet()) {
            long used = e.getValue() - nativeAtStart.getOrDefault(e.getKey(), 0L);
            if (used > 0) {
                nativeTotal += used;
                groups.merge(e.getKey(), used / 1e9, Double::sum);
            }
        }
        groups.merge(ThreadGroups.JVM, Math.max(0, cpu - javaThreads - nativeTotal) / 1e9, Double::sum);
        Usage u = new Usage(phase, loadAtStart, loadAverage(), wall, phaseHeapAfterGc.get(), Math.max(phaseHeapUsed.get(), phaseHeapAfterGc.get()),
                Math.max(phaseRss.get(), rssBytes()), (int) (gcCount() - gcCountAtStart),
                (gcMillis() - gcMillisAtStart) / 1000.0,
                (jitMillis() - jitMillisAtStart) / 1000.0, cpu / 1e9, Math.max(0, machine - cpu) / 1e9,
                sortByValue(groups));
        phase = null;
        return u;
    }

    long runPeakHeapAfterGc() {
        return runHeapAfterGc.get();
    }

    long runPeakHeapUsed() {
        return runHeapUsed.get();
    }

    long runPeakRss() {
        return Math.max(runRss.get(), hwmBytes());
    }

    private Map<Long, Long> threadCpu(Map<Long, String> names) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info == null) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                cpu.put(info.getThreadId(), t);
                names.putIfAbsent(info.getThreadId(), info.getThreadName());
            }
        }
        return cpu;
    }

    private static Map<String, Double> sortByValue(Map<String, Double> m) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * CPU time of the JVM's own threads by kind, from /proc/self/task: JIT compiler threads and
     * GC threads (user + system time; clock ticks of 10 ms).
     */
    static Map<String, Long> jvmNativeThreadCpu() {
        Map<String, Long> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(open + 1, close);
                String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? ThreadGroups.JIT
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? ThreadGroups.GC : null;
                if (kind == null) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                cpu.merge(kind, ticks * 10_000_000L, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return cpu;
    }

    /** Time the JIT compiler threads spent compiling (summed over compiler threads). */
    private static long jitMillis() {
        var c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** CPU time all processes spent busy (user, nice, system, irq, softirq, steal), from /proc/stat. */
    static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long jiffies = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                jiffies += Long.parseLong(f[i]);
            }
            return jiffies * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssBytes() {
        return statusKb("VmRSS:") * 1024;
    }

    static long hwmBytes() {
        return statusKb("VmHWM:") * 1024;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static void max(AtomicLong a, long v) {
        a.accumulateAndGet(v, Math::max);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}

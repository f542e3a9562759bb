package io.paypulse.app.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Opt-in for the UI bench ({@code -Dbench.pulseProfile=true}, it perturbs the pulses it measures): samples
 * the FX thread's stack every millisecond while a scene pulse runs and keeps the samples of the pulses that
 * used more than {@link #HEAVY_NANOS} of FX-thread CPU, counted by pulse phase and the deepest app, chart
 * or control frame. JFR samples only a few threads per period, which misses most of these short pulses.
 */
final class PulseProfiler {

    static final long HEAVY_NANOS = 5_000_000;

    private final Thread fx;
    private final List<StackTraceElement[]> current = new ArrayList<>();
    private final Map<String, Integer> heavy = new HashMap<>();
    private volatile boolean inPulse;
    private int heavyPulses;
    private int samples;

    PulseProfiler(Thread fx) {
        this.fx = fx;
        Thread sampler = new Thread(this::sample, "bench-pulse-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** On the FX thread, at the start of a pulse. */
    void pulseStarted() {
        synchronized (this) {
            current.clear();
        }
        inPulse = true;
    }

    /** On the FX thread, at the end of a pulse that used {@code cpuNanos} of its CPU. */
    void pulseEnded(long cpuNanos) {
        inPulse = false;
        synchronized (this) {
            if (cpuNanos > HEAVY_NANOS) {
                heavyPulses++;
                for (StackTraceElement[] s : current) {
                    heavy.merge(key(s), 1, Integer::sum);
                    samples++;
                }
            }
            current.clear();
        }
    }

    /** The most frequent places in heavy pulses, one per line. */
    synchronized String report(int top) {
        String rows = heavy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top).map(e -> String.format("  %4d  %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining("\n"));
        return String.format("Pulses over %d ms of FX CPU: %d, %d stack samples (1 ms apart) by phase / deepest app, "
                + "chart or control frame:%n%s", HEAVY_NANOS / 1_000_000, heavyPulses, samples, rows);
    }

    private void sample() {
        while (true) {
            LockSupport.parkNanos(1_000_000); // the sampling interval, not a wait for anything
            if (inPulse) {
                StackTraceElement[] s = fx.getStackTrace();
                synchronized (this) {
                    if (inPulse) {
                        current.add(s);
                    }
                }
            }
        }
    }

    private static String key(StackTraceElement[] s) {
        String phase = "other";
        String place = s.length == 0 ? "?" : frame(s[0]);
        boolean placed = false;
        for (StackTraceElement e : s) {
            String c = e.getClassName();
            if (!placed && (c.startsWith("io.paypulse") || c.startsWith("javafx.scene.chart")
                    || c.startsWith("javafx.scene.control"))) {
                place = frame(e);
                placed = true;
            }
            String m = e.getMethodName();
            if (m.equals("doCSSPass") || m.equals("doLayoutPass") || m.equals("synchronizeSceneNodes")
                    || m.equals("waitForRenderingToComplete") || (c.equals("javafx.scene.Parent") && m.equals("updateBounds"))) {
                phase = m;
            }
        }
        return phase + " / " + place;
    }

    private static String frame(StackTraceElement e) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
    }
}

package io.paypulse.process.alert;

import io.paypulse.alert.WindowSummary;
import io.paypulse.event.Alert;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Drives an engine the way the processor will: a wall-clock tick every 5 seconds with the time of the
 * last event, and each window handed over once stream time passed its end plus a 5 s grace, which
 * only happens while events flow. Windows without events are never emitted.
 */
final class Simulation {

    /** An update and the wall-clock second (since {@link Fixtures#T0}) at which it was published. */
    record Published(double second, Alert alert) {
    }

    static final int TICK_SECONDS = 5;
    static final int GRACE_SECONDS = 5;

    private Simulation() {
    }

    /**
     * Runs traffic from {@code fromSecond} (seconds since {@link Fixtures#T0}) until {@code minutes}·60
     * seconds; windows up to {@code minutes - 2} become final.
     */
    static List<Published> run(AlertEngine engine, long seed, double fromSecond, int minutes, DoubleFunction<Traffic.Mix> mix) {
        Traffic traffic = new Traffic(seed);
        Deque<WindowSummary> closed = new ArrayDeque<>();
        List<Published> out = new ArrayList<>();
        int firstMinute = (int) Math.floor(fromSecond / 60);
        int nextWindow = firstMinute;
        for (int s = firstMinute * 60; s < minutes * 60; s += TICK_SECONDS) {
            while (nextWindow < minutes && (nextWindow + 1) * 60 <= s) {
                WindowSummary w = traffic.window(nextWindow, fromSecond, mix);
                if (w.totalCount() > 0) {
                    closed.add(w);
                }
                nextWindow++;
            }
            boolean flowing = s >= fromSecond && mix.apply(s).rate() > 0;
            while (flowing && !closed.isEmpty()
                    && closed.peek().end().plusSeconds(GRACE_SECONDS).isBefore(at(s).plusMillis(1))) {
                for (Alert a : engine.onFinalWindow(closed.poll())) {
                    out.add(new Published(s, a));
                }
            }
            for (Alert a : engine.onWallClock(at(s), lastEventAt(s, fromSecond, mix))) {
                out.add(new Published(s, a));
            }
        }
        return out;
    }

    private static Instant lastEventAt(int s, double fromSecond, DoubleFunction<Traffic.Mix> mix) {
        for (double x = s; x >= fromSecond; x -= 0.5) {
            if (mix.apply(x).rate() > 0) {
                return at(x);
            }
        }
        return null;
    }

    static Instant at(double second) {
        return Fixtures.T0.plusMillis((long) (second * 1000));
    }
}

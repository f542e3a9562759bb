package io.paypulse.process;

import io.paypulse.config.Scenario;
import io.paypulse.event.Alert;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real generator's events at a steady rate, fed through the production topology with the
 * wall clock moving along with event time (100 ms steps), collecting every alert published.
 */
final class Simulation {

    private static final Duration STEP = Duration.ofMillis(100);

    private final TopologyHarness harness;
    private final EventFactory factory = new EventFactory(42L);
    private final double rate;
    private final List<Alert> alerts = new ArrayList<>();
    private Instant now;
    private double owed;

    Simulation(TopologyHarness harness, Instant start, double rate) {
        this.harness = harness;
        this.now = start;
        this.rate = rate;
    }

    /** Runs {@code scenario} for {@code length} of simulated time. */
    Simulation run(Scenario scenario, Duration length) {
        Instant end = now.plus(length);
        long perStepNanos = STEP.toNanos();
        while (now.isBefore(end)) {
            owed += rate * STEP.toMillis() / 1000.0;
            int n = (int) owed;
            owed -= n;
            for (int i = 0; i < n; i++) {
                Instant t = now.plusNanos(perStepNanos * i / Math.max(1, n));
                GeneratedEvent e = factory.next(t, scenario);
                if (e != null) {
                    harness.send(e.key(), e.event());
                }
            }
            now = now.plus(STEP);
            harness.wallClockTo(now);
            alerts.addAll(harness.alerts());
            harness.discardParsedAggregatesAndDeadLetters();
        }
        return this;
    }

    Instant now() {
        return now;
    }

    List<Alert> alerts() {
        return alerts;
    }
}

package io.paypulse.process;

import io.paypulse.process.alert.AlertRule;
import java.time.Duration;
import java.util.List;

/**
 * What shapes the topology.
 *
 * @param grace        how late (event time) an event may arrive and still count
 * @param idleTimeout  wall-clock time without events after which the wall clock closes windows
 * @param warmUp       after a (re)start, how long events wait before they move the watermark, so every
 *                     source partition catching up has been heard from (see {@link Watermark})
 * @param liveInterval how often live partial totals and no-data checks run (wall clock)
 * @param rules        alert rules evaluated on final windows
 */
public record TopologyOptions(Duration grace, Duration idleTimeout, Duration warmUp, Duration liveInterval,
        List<AlertRule> rules) {

    public TopologyOptions {
        rules = List.copyOf(rules);
    }

    /** Idle timeout and warm-up follow the grace (at least 1 s); live updates every 100 ms. */
    public static TopologyOptions of(Duration grace, List<AlertRule> rules) {
        Duration idle = grace.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : grace;
        return new TopologyOptions(grace, idle, idle, Duration.ofMillis(100), rules);
    }

    public TopologyOptions withWarmUp(Duration warmUp) {
        return new TopologyOptions(grace, idleTimeout, warmUp, liveInterval, rules);
    }
}

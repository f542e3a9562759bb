package io.paypulse.process;

import io.paypulse.alert.AlertRule;
import java.time.Duration;
import java.util.List;

/**
 * What shapes the topology.
 *
 * @param rawPartitions    partitions of the raw topic: the window stage waits until each has been heard
 *                         from (an event or an idle mark) before windows close
 * @param grace            how late (event time) an event may arrive and still count
 * @param idleTimeout      wall-clock time a raw partition's parse task must receive nothing before it
 *                         lets the wall clock stand in for that partition's event time (see {@link Watermark})
 * @param partitionTimeout how long the window stage waits for a raw partition that sends neither events
 *                         nor idle marks before it stops holding the watermark for it
 * @param liveInterval     how often parse tasks send their changed windows, and live totals and no-data
 *                         checks run (wall clock)
 * @param rules            alert rules evaluated on final windows
 * @param lag              the consumer's lag per raw partition: idle marks only for caught-up partitions
 * @param parsedTopic      also write every parsed event to {@code payment-parsed} (opt-in: downstream consumers
 *                         that want the enriched events; nothing in the pipeline itself needs them)
 */
public record TopologyOptions(int rawPartitions, Duration grace, Duration idleTimeout, Duration partitionTimeout,
        Duration liveInterval, List<AlertRule> rules, PartitionLag lag, boolean parsedTopic) {

    /**
     * A parse task checks this often whether its partition went idle, and this much wall clock without
     * input is "idle". Short, because the last window of a backfill waits for it (decision 0002,
     * addendum of session 9); what keeps an idle mark from making records late is the lag check.
     */
    static final Duration IDLE_CHECK = Duration.ofMillis(250);

    public TopologyOptions {
        if (rawPartitions < 1) {
            throw new IllegalArgumentException("rawPartitions must be at least 1, was " + rawPartitions);
        }
        rules = List.copyOf(rules);
    }

    /** Without {@code payment-parsed} (the default). */
    public TopologyOptions(int rawPartitions, Duration grace, Duration idleTimeout, Duration partitionTimeout,
            Duration liveInterval, List<AlertRule> rules, PartitionLag lag) {
        this(rawPartitions, grace, idleTimeout, partitionTimeout, liveInterval, rules, lag, false);
    }

    /**
     * Idle marks after 250 ms without input (one idle check); a silent partition is waited for 5 min; live
     * updates every 100 ms. The idle timeout used to follow the grace (5 s) as a margin against a lag
     * that read 0 over a fetched backlog; the lag now comes from committed offsets (0 = every record
     * processed and committed), so the margin only delayed the last window (decision 0002, addendum).
     */
    public static TopologyOptions of(int rawPartitions, Duration grace, List<AlertRule> rules) {
        return new TopologyOptions(rawPartitions, grace, IDLE_CHECK, Duration.ofMinutes(5), Duration.ofMillis(100), rules,
                PartitionLag.CAUGHT_UP);
    }

    public TopologyOptions withLag(PartitionLag lag) {
        return new TopologyOptions(rawPartitions, grace, idleTimeout, partitionTimeout, liveInterval, rules, lag,
                parsedTopic);
    }

    public TopologyOptions withParsedTopic(boolean parsedTopic) {
        return new TopologyOptions(rawPartitions, grace, idleTimeout, partitionTimeout, liveInterval, rules, lag,
                parsedTopic);
    }
}

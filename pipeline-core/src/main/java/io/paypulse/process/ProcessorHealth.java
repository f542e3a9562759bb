package io.paypulse.process;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.health.GroupProbe;
import io.paypulse.health.GroupProgress;
import io.paypulse.health.HealthReport;
import io.paypulse.health.StallWatch;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's health as {@code GET /health} reports it: the Streams state, and while that looks
 * fine, whether the cluster answers and whether the group's committed offsets on the raw topic
 * still move when records are waiting ({@code processor.stall-timeout}). Looks at the cluster at
 * most once per {@link #MIN_INTERVAL}; health checkers polling faster get the last answer.
 */
final class ProcessorHealth implements AutoCloseable {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final GroupProbe probe;
    private final StallWatch watch;
    private final Clock clock;
    private Instant lastLook;
    private HealthReport last;

    ProcessorHealth(PayPulseConfig config, Clock clock) {
        this(new GroupProbe(ClusterClients.base(config, "paypulse-health"), config.processor().applicationId(),
                Topics.RAW, PROBE_TIMEOUT), new StallWatch(clock, config.processor().stallTimeout()), clock);
    }

    ProcessorHealth(GroupProbe probe, StallWatch watch, Clock clock) {
        this.probe = probe;
        this.watch = watch;
        this.clock = clock;
    }

    synchronized HealthReport report(KafkaStreams.State state, Throwable failure) {
        HealthReport byState = HealthReport.of(state, failure);
        if (!byState.up()) {
            return byState;
        }
        Instant now = clock.instant();
        if (last != null && last.streams().equals(state.name())
                && Duration.between(lastLook, now).compareTo(MIN_INTERVAL) < 0) {
            return last;
        }
        GroupProgress p = probe.look();
        last = HealthReport.of(state, failure, p, p.reachable() ? watch.observe(p) : Optional.empty());
        lastLook = now;
        return last;
    }

    /** Closes the probe's admin client. */
    @Override
    public void close() {
        probe.close();
    }
}

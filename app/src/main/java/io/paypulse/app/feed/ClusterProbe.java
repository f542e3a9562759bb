package io.paypulse.app.feed;

import io.paypulse.health.LagReport;
import io.paypulse.health.LagSampler;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the processor's consumer lag on the raw topic, per partition and in seconds
 * ({@link LagSampler}: end offsets minus the committed offsets of the processor's group, and the age
 * of the oldest unprocessed record). Called every 2 s from a scheduler thread, never from the FX
 * thread; each step is bounded by a short timeout so a dead cluster costs at most a few seconds per
 * reading and is reported in one sentence.
 */
public final class ClusterProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final LagSampler sampler;
    private boolean warned;

    public ClusterProbe(Map<String, Object> clientProps, String processorGroup, Clock clock) {
        this.sampler = new LagSampler(clientProps, processorGroup, Topics.RAW, TIMEOUT, clock);
    }

    public ProbeSample read() {
        LagReport r = sampler.sample();
        if (!r.reachable() && !warned) {
            LOG.info("Cluster probe failed (further failures not logged until it recovers): {}", r.problem());
        }
        warned = !r.reachable();
        return ProbeSample.of(r);
    }

    @Override
    public void close() {
        sampler.close();
    }
}

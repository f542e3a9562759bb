package io.paypulse.app.feed;

import io.paypulse.health.LagReport;
import java.time.Instant;

/**
 * One reading of the cluster: the processor's consumer lag on the raw topic (-1 when unknown,
 * e.g. the group has not committed yet), whether the cluster answered, and the per-partition
 * report behind those numbers (null when there is none, e.g. in tests that only give a number).
 */
public record ProbeSample(Instant at, long processorLag, boolean reachable, LagReport lag) {

    public static final ProbeSample NONE = new ProbeSample(Instant.EPOCH, -1, false, null);

    public ProbeSample(Instant at, long processorLag, boolean reachable) {
        this(at, processorLag, reachable, null);
    }

    public static ProbeSample of(LagReport r) {
        long lag = r.reachable() && r.committed() ? r.records() : -1;
        return new ProbeSample(r.at(), lag, r.reachable(), r);
    }
}

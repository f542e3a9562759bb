package io.paypulse.app.feed;

import java.time.Instant;

/**
 * One reading of the cluster: the processor's consumer lag on the raw topic (-1 when unknown,
 * e.g. the group has not committed yet) and whether the cluster answered.
 */
public record ProbeSample(Instant at, long processorLag, boolean reachable) {

    public static final ProbeSample NONE = new ProbeSample(Instant.EPOCH, -1, false);
}

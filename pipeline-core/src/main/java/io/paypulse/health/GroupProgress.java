package io.paypulse.health;

/**
 * One look at the processor's consumer group on the raw topic.
 *
 * @param reachable whether the cluster answered
 * @param problem   why it did not (one phrase), null when reachable
 * @param committed sum of the group's committed offsets on the raw topic
 * @param lag       records on the raw topic the group has not committed yet
 */
public record GroupProgress(boolean reachable, String problem, long committed, long lag) {

    public static GroupProgress unreachable(String problem) {
        return new GroupProgress(false, problem, 0, 0);
    }

    public static GroupProgress of(long committed, long lag) {
        return new GroupProgress(true, null, committed, lag);
    }

    /**
     * The same look taken from a lag sample of the same group and topic ({@link LagSampler}): committed
     * offsets summed (a partition without one counts 0, as {@link GroupProbe} does), records behind summed.
     */
    public static GroupProgress of(LagReport sample) {
        if (!sample.reachable()) {
            return unreachable(sample.problem());
        }
        long committed = sample.rows().stream().mapToLong(r -> Math.max(0, r.committed())).sum();
        return of(committed, sample.records());
    }
}

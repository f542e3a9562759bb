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
}

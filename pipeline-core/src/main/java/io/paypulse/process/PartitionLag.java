package io.paypulse.process;

import java.util.OptionalLong;

/**
 * How many records of a source topic the processor has not processed yet, when known. A parse
 * task sends idle marks only for a partition known to be caught up: "no record for a while" alone
 * is also what a stalled or just-restarted processor with a backlog looks like. The window stage
 * asks {@link #unprocessed} so that a stall is not reported as "no data" while input waits.
 */
@FunctionalInterface
public interface PartitionLag {

    /** For topology tests (TopologyTestDriver has no consumer): always caught up, nothing known pending. */
    PartitionLag CAUGHT_UP = (topic, partition) -> OptionalLong.of(0);

    /** Records of {@code topic}'s {@code partition} not processed yet; empty when unknown. */
    OptionalLong of(String topic, int partition);

    /** Records of {@code topic}, all partitions, not processed yet; empty when unknown. */
    default OptionalLong unprocessed(String topic) {
        return OptionalLong.empty();
    }
}

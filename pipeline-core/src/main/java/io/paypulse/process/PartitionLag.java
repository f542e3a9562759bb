package io.paypulse.process;

import java.util.OptionalLong;

/**
 * How many records the processor's consumer is behind on a source partition, when known. A parse
 * task sends idle marks only for a partition known to be caught up: "no record for a while" alone
 * is also what a stalled or just-restarted processor with a backlog looks like.
 */
@FunctionalInterface
public interface PartitionLag {

    /** For topology tests (TopologyTestDriver has no consumer): always caught up. */
    PartitionLag CAUGHT_UP = (topic, partition) -> OptionalLong.of(0);

    OptionalLong of(String topic, int partition);
}

package io.paypulse.health;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One sample of a consumer group's lag on one topic, per partition: records behind and the age of
 * the oldest record not processed yet ({@link LagSampler}). Immutable.
 *
 * @param at        when the sample was taken (the sampler's clock; ages are measured against it)
 * @param group     the consumer group (the processor's application id)
 * @param topic     the topic (the raw topic)
 * @param rows      one row per partition, by partition number; empty when unreachable
 * @param committed whether the group has committed any offset on the topic (a processor that never
 *                  committed has all of the topic "behind", which says nothing about its speed)
 * @param problem   one sentence when the cluster could not be asked, else null
 */
public record LagReport(Instant at, String group, String topic, List<PartitionLagRow> rows, boolean committed,
                        String problem) {

    public LagReport {
        rows = List.copyOf(rows);
    }

    public static LagReport unreachable(Instant at, String group, String topic, String problem) {
        return new LagReport(at, group, topic, List.of(), false, problem);
    }

    public boolean reachable() {
        return problem == null;
    }

    /** Records behind on all partitions. */
    public long records() {
        return rows.stream().mapToLong(PartitionLagRow::records).sum();
    }

    /** The largest age of an unprocessed record over all partitions; 0 when caught up, -1 when unknown. */
    public long lagMillis() {
        long max = 0;
        for (PartitionLagRow r : rows) {
            if (r.lagMillis() < 0) {
                return -1;
            }
            max = Math.max(max, r.lagMillis());
        }
        return max;
    }

    public boolean caughtUp() {
        return reachable() && records() == 0;
    }

    /**
     * The partition furthest behind: the oldest unprocessed record first (that is what delays
     * results), then the most records. Empty when caught up or unreachable.
     */
    public Optional<PartitionLagRow> behind() {
        return rows.stream().filter(r -> !r.caughtUp())
                .max(Comparator.comparingLong(PartitionLagRow::lagMillis).thenComparingLong(PartitionLagRow::records));
    }

    /** Partitions with records waiting. */
    public List<PartitionLagRow> behindRows() {
        return rows.stream().filter(r -> !r.caughtUp()).toList();
    }
}

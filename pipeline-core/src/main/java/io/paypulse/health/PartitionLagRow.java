package io.paypulse.health;

/**
 * One partition of the raw topic as the processor's group stands on it.
 *
 * @param partition   partition number
 * @param committed   the group's committed offset; -1 when it has none (counted from the log start)
 * @param end         the partition's end offset (last stable offset: what a read-committed reader gets)
 * @param records     records not processed yet: {@code end - committed}, never negative
 * @param oldestMs    timestamp of the oldest unprocessed record (the one at the committed offset);
 *                    -1 when caught up or when it could not be read in time
 * @param lagMillis   age of that record at the sample's time; 0 when caught up, -1 when unknown
 */
public record PartitionLagRow(int partition, long committed, long end, long records, long oldestMs, long lagMillis) {

    public boolean caughtUp() {
        return records == 0;
    }

    /** Lag in seconds, NaN when unknown. */
    public double seconds() {
        return lagMillis < 0 ? Double.NaN : lagMillis / 1000.0;
    }
}

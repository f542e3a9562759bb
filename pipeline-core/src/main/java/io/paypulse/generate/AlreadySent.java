package io.paypulse.generate;

/**
 * Which events of a bounded, seeded run are already on the raw topic, so a restarted run sends
 * only the others and event {@code i} is the same event whether or not there was a restart.
 * The generator still makes every event (the seeded sequence depends on every draw) but skips
 * sending those this answers true for, and counts them in its tally.
 */
@FunctionalInterface
public interface AlreadySent {

    /** Nothing sent yet: a fresh run. */
    AlreadySent NONE = (index, key) -> false;

    /**
     * @param index the event's position in the run's seeded sequence, from 0
     * @param key   its record key (decides its partition)
     */
    boolean contains(long index, String key);
}

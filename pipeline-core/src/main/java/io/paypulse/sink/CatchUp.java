package io.paypulse.sink;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Whether a sink has checkpointed everything up to its topic's end offsets, and when the look-up behind
 * that answer began, so that a caller can wait for an answer newer than its question. Thread-safe.
 */
final class CatchUp {

    private record State(boolean caughtUp, long checkedAtNanos) {
    }

    private final Object changed = new Object();
    private volatile State state = new State(false, System.nanoTime());

    boolean caughtUp() {
        return state.caughtUp();
    }

    /** Records the outcome of a look-up of the end offsets that began at {@code checkedAtNanos}. */
    void set(boolean caughtUp, long checkedAtNanos) {
        synchronized (changed) {
            state = new State(caughtUp, checkedAtNanos);
            changed.notifyAll();
        }
    }

    /** New records arrived: not caught up until the next look-up says so. */
    void behind() {
        State s = state;
        if (s.caughtUp()) {
            set(false, s.checkedAtNanos());
        }
    }

    /**
     * Waits for a look-up begun after this call that finds the sink caught up.
     *
     * @return false on timeout, or as soon as {@code gaveUp} is true
     */
    boolean await(Duration timeout, BooleanSupplier gaveUp) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                State s = state;
                if (s.caughtUp() && s.checkedAtNanos() - asked > 0) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || gaveUp.getAsBoolean()) {
                    return false;
                }
                changed.wait(Math.max(1, Math.min(left / 1_000_000, 100)));
            }
        }
    }
}

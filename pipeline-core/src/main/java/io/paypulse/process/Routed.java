package io.paypulse.process;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;

/**
 * Output of a parse task: a parsed event, a dead letter, or an idle mark (the task's raw partition
 * has had no input for the idle timeout; {@code idleMarkMs} is the wall-clock time of the mark).
 */
record Routed(ParsedEvent event, DeadLetter deadLetter, int sourcePartition, long idleMarkMs) {

    static final long NO_MARK = Long.MIN_VALUE;

    static Routed parsed(ParsedEvent event, int sourcePartition) {
        return new Routed(event, null, sourcePartition, NO_MARK);
    }

    static Routed rejected(DeadLetter deadLetter, int sourcePartition) {
        return new Routed(null, deadLetter, sourcePartition, NO_MARK);
    }

    static Routed idleMark(int sourcePartition, long wallMs) {
        return new Routed(null, null, sourcePartition, wallMs);
    }

    boolean isIdleMark() {
        return idleMarkMs != NO_MARK;
    }
}

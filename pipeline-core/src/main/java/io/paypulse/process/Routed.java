package io.paypulse.process;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;

/**
 * Output of a parse task: a parsed event (only when {@code payment-parsed} is on), a dead letter
 * (rejected or late), or a {@link Partial} for the window stage. Exactly one is set.
 */
record Routed(ParsedEvent event, DeadLetter deadLetter, Partial partial) {

    static Routed parsed(ParsedEvent event) {
        return new Routed(event, null, null);
    }

    static Routed rejected(DeadLetter deadLetter) {
        return new Routed(null, deadLetter, null);
    }

    static Routed partial(Partial partial) {
        return new Routed(null, null, partial);
    }
}

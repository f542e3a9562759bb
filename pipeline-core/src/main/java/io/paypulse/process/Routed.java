package io.paypulse.process;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;

/** Output of the parse step: exactly one of the two is set. */
record Routed(ParsedEvent event, DeadLetter deadLetter, int sourcePartition) {
}

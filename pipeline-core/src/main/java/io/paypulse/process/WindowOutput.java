package io.paypulse.process;

import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.WindowAggregate;

/** Output of the window stage: exactly one of the three is set. */
record WindowOutput(WindowAggregate aggregate, Alert alert, DeadLetter late) {
}

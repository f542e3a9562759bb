package io.paypulse.event.parse;

import io.paypulse.event.ParsedEvent;

/** Either a parsed event or the reason the raw value was rejected; exactly one is non-null. */
public record ParseOutcome(ParsedEvent event, String rejection) {

    public static ParseOutcome ok(ParsedEvent event) {
        return new ParseOutcome(event, null);
    }

    public static ParseOutcome rejected(String reason) {
        return new ParseOutcome(null, reason);
    }

    public boolean isOk() {
        return event != null;
    }
}

package io.paypulse.event;

import java.time.Instant;

/** A raw log event: the JSON value on topic {@code payment}. */
public record LogEvent(Instant timestamp, Level level, String message) {
}

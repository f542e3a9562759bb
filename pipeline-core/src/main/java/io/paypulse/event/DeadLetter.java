package io.paypulse.event;

import java.time.Instant;

/**
 * A raw record that could not be processed (topic {@code payment-dlq}): why, where it came from,
 * and the raw value as text (invalid UTF-8 replaced) so nothing is lost from view.
 */
public record DeadLetter(
        String reason,
        String topic,
        int partition,
        long offset,
        Instant recordTimestamp,
        String key,
        String rawValue) {
}

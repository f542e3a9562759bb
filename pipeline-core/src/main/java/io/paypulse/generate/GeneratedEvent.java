package io.paypulse.generate;

import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;

/**
 * One generated log line: the Kafka key (the user id), the raw event as sent, and the structured
 * message it was rendered from ({@code event.message()} equals {@code message.render()}).
 */
public record GeneratedEvent(String key, LogEvent event, PaymentMessage message) {
}

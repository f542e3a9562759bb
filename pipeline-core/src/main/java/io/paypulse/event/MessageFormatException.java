package io.paypulse.event;

/** A log line that does not follow the grammar; the message says what was expected where. */
public class MessageFormatException extends RuntimeException {

    public MessageFormatException(String message) {
        super(message, null, false, false);
    }
}

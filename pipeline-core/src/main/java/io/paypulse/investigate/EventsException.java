package io.paypulse.investigate;

/** An events query could not run (no such topic, the cluster did not answer); the message is one sentence. */
public final class EventsException extends RuntimeException {

    public EventsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.paypulse.stack;

/**
 * Something about the Docker stack failed. The message is one plain sentence saying what to do
 * ("Docker is not running: start the Docker engine (dockerd) and try again."); the cause, if any,
 * carries Docker's own detail for the log.
 */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

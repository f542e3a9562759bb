package io.paypulse.broker;

/**
 * The embedded broker could not start or stopped working. The message is one plain sentence a
 * user can act on (free a port, pick another data directory, ...); the cause, if any, carries
 * Kafka's own detail for the log.
 */
public class BrokerException extends RuntimeException {

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}

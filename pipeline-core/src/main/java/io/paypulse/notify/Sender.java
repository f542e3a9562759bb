package io.paypulse.notify;

/**
 * Delivers messages to one contact point; one attempt per call (the notifier decides about retries,
 * so a retry's backoff never holds a caller). Implementations are thread-safe and may block for at
 * most their timeouts; never call them on the stream thread or the FX thread.
 * {@link Senders#forContactPoint} gives the HTTP ones; the app supplies the desktop one.
 */
@FunctionalInterface
public interface Sender {

    SendResult send(Message message);
}

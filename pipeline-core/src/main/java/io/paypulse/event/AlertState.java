package io.paypulse.event;

/** Life of an alert bucket as the engine publishes it; acknowledgements live in the app, silences in {@code payment-silences}. */
public enum AlertState {
    FIRING,
    RESOLVED
}

package io.paypulse.event;

/** Life of an alert bucket as the engine publishes it; acknowledge/snooze live in the app. */
public enum AlertState {
    FIRING,
    RESOLVED
}

package io.paypulse.event;

/** Log level of a raw event, as the original generator wrote it. */
public enum Level {
    INFO,
    ERROR
}

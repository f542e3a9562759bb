package io.paypulse.event;

public enum Severity {
    WARNING,
    CRITICAL
}

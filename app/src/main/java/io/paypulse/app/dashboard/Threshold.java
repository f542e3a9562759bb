package io.paypulse.app.dashboard;

import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;

/** A failure-rate alert threshold to draw as a flat line on the failure-rate chart. */
public record Threshold(String rule, PaymentType type, Severity severity, double percent) {
}

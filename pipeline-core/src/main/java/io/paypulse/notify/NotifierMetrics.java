package io.paypulse.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code paypulse_notifications_total{contact_point, outcome}} on {@code /metrics}: alert updates per
 * contact point and outcome (delivered, failed, silenced, inhibited, grouped). No-op without a registry.
 */
final class NotifierMetrics {

    static final String NAME = "paypulse.notifications";

    private final MeterRegistry registry;

    NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String contactPoint, DeliveryReceipt.Outcome outcome) {
        if (registry != null) {
            registry.counter(NAME, "contact_point", contactPoint, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .increment();
        }
    }
}

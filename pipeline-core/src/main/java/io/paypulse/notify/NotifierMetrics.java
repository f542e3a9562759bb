package io.paypulse.notify;

import io.micrometer.core.instrument.Counter;
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
            Counter.builder(NAME)
                    .description("Alert updates per contact point and outcome (delivered, failed, silenced, "
                            + "inhibited, grouped)")
                    .tags("contact_point", contactPoint, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
    }
}

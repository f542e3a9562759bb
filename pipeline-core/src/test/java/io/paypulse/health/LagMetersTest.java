package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagMetersTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void scrapeShowsRecordsAndSecondsPerPartition() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LagMeters meters = new LagMeters(null, Duration.ofSeconds(5))) {
            meters.bindTo(registry);
            meters.record(new LagReport(AT, "g", "payment", List.of(
                    new PartitionLagRow(0, 10, 10, 0, -1, 0),
                    new PartitionLagRow(2, 5, 12_405, 12_400, 1, 8_200)), true, null));

            String scrape = registry.scrape();
            assertThat(scrape).contains("paypulse_lag_records{partition=\"2\"} 12400.0")
                    .contains("paypulse_lag_records{partition=\"0\"} 0.0")
                    .contains("paypulse_lag_seconds{partition=\"2\"} 8.2")
                    .contains("paypulse_lag_seconds{partition=\"0\"} 0.0");

            // The cluster stops answering: no rows rather than the last numbers passed off as current.
            meters.record(LagReport.unreachable(AT, "g", "payment", "no answer"));
            assertThat(registry.scrape()).doesNotContain("paypulse_lag_records{");
        }
    }
}

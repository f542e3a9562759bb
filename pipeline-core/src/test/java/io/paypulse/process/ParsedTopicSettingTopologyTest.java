package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code processor.parsed-topic}: off by default, the processor publishes nothing per event to
 * {@code payment-parsed}; on, every parsed event. Through the processor's own options function and topology.
 */
class ParsedTopicSettingTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";

    @TempDir
    Path dir;

    @Test
    void byDefaultNothingIsPublishedToPaymentParsed() {
        try (TopologyHarness h = TopologyHarness.asBuilt(options(Map.of()), T0.plusSeconds(1))) {
            h.send("user_000042", new LogEvent(T0, Level.INFO, PAY_OK));
            h.send("user_000042", new LogEvent(T0.plusSeconds(1), Level.INFO, PAY_OK));
            assertThat(h.stats.parsedCount()).isEqualTo(2);
            assertThat(h.parsed()).isEmpty();
        }
    }

    @Test
    void switchedOnEveryParsedEventIsPublished() {
        try (TopologyHarness h = TopologyHarness.asBuilt(options(Map.of(ConfigKeys.PARSED_TOPIC, "true")), T0.plusSeconds(1))) {
            h.send("user_000042", new LogEvent(T0, Level.INFO, PAY_OK));
            h.send("user_000042", new LogEvent(T0.plusSeconds(1), Level.INFO, PAY_OK));
            assertThat(h.stats.parsedCount()).isEqualTo(2);
            assertThat(h.parsed()).extracting(e -> e.eventTime()).containsExactly(T0, T0.plusSeconds(1));
        }
    }

    private TopologyOptions options(Map<String, String> settings) {
        PayPulseConfig config = ConfigLoader.load(null, Map.of("XDG_DATA_HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.toString()), settings);
        return ProcessorService.topologyOptions(config, 1, List.of());
    }
}

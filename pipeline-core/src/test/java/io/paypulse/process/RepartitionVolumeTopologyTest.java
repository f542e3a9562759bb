package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What crosses the window stage's repartition topic is O(flushes), not O(events): the per-event cost
 * that used to dominate (every event written, and read back by one task) is gone. And, by default,
 * nothing is written to {@code payment-parsed}.
 */
class RepartitionVolumeTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void tenThousandEventsCrossTheRepartitionTopicAsFewerThanTwoHundredPartialsAndAllCount() {
        try (TopologyHarness h = TopologyHarness.asBuilt(TopologyOptions.of(1, Duration.ofSeconds(5), List.of()), T0)) {
            long cents = 0;
            for (int i = 0; i < 10_000; i++) {
                Instant at = T0.plusMillis(i * 20L); // 50 events a second of event time: 200 s, 4 windows
                h.send("user_000001", new LogEvent(at, Level.INFO, new PaymentMessage(PaymentType.PAYMENT, false,
                        String.format("order_%012x", i), 100 + i % 50, "user_000001", "pay_0123456789abcdef", null,
                        "8.8.8.8").render()));
                cents += 100 + i % 50;
                if (i % 100 == 99) {
                    h.wallClockTo(h.wallClock().plusMillis(100)); // 10,000 events a second of wall clock
                }
            }
            long partials = h.windowStageRecords();
            h.wallClockTo(T0.plus(Duration.ofMinutes(10))); // idle: every window closes

            assertThat(partials).as("records on the window stage's repartition topic").isBetween(1L, 199L);
            List<WindowAggregate> finals = h.finals();
            assertThat(finals.stream().mapToLong(WindowAggregate::eventCount).sum()).isEqualTo(10_000);
            assertThat(finals.stream().mapToLong(WindowAggregate::totalAmountCents).sum()).isEqualTo(cents);
            assertThat(h.parsed()).as("payment-parsed is opt-in").isEmpty();
        }
    }
}

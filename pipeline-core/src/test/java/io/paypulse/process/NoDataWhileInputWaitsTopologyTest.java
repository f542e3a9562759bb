package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.NoDataRule;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The no-data rule against a stalled processor: events wait in the raw topic (the brokers hold
 * them) while the processor processes nothing. That is not "no data", and the Docker stack's
 * CRITICAL "No events received for 45 seconds" during an 84 s start-up stall was a false alarm.
 */
class NoDataWhileInputWaitsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final NoDataRule NO_DATA = new NoDataRule("no-data", Severity.CRITICAL, "", true, Duration.ofSeconds(45));

    @Test
    void doesNotFireWhileTheBrokersHoldUnprocessedEventsAndFires45SecondsAfterTheyAreAllProcessed() {
        AtomicLong waiting = new AtomicLong(11_000);
        PartitionLag lag = new PartitionLag() {
            @Override
            public OptionalLong of(String topic, int partition) {
                return OptionalLong.of(waiting.get());
            }

            @Override
            public OptionalLong unprocessed(String topic) {
                return topic.equals(Topics.RAW) ? OptionalLong.of(waiting.get()) : OptionalLong.empty();
            }
        };
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of(NO_DATA)).withLag(lag);
        try (TopologyHarness h = new TopologyHarness(options, T0)) {
            h.send("u", payment(T0.plusSeconds(1)));
            for (int s = 1; s <= 120; s++) { // two minutes of stall: nothing processed, 11,000 events waiting
                h.wallClockTo(T0.plusSeconds(s));
            }
            assertThat(h.alerts()).as("alerts during the stall").isEmpty();

            waiting.set(0); // caught up; the generator stopped
            h.wallClockTo(T0.plusSeconds(164));
            assertThat(h.alerts()).as("alerts 44 s after the input was all processed").isEmpty();
            h.wallClockTo(T0.plusSeconds(166));
            List<Alert> alerts = h.alerts();
            assertThat(alerts).extracting(Alert::rule, Alert::state).containsExactly(
                    Tuple.tuple("no-data", AlertState.FIRING));
        }
    }

    @Test
    void withoutKnownLagTheSilenceOfProcessedEventsStillFiresIt() {
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of(NO_DATA));
        try (TopologyHarness h = new TopologyHarness(options, T0)) {
            h.send("u", payment(T0.plusSeconds(1)));
            h.wallClockTo(T0.plusSeconds(1));
            h.wallClockTo(T0.plusSeconds(47));
            assertThat(h.alerts()).extracting(Alert::rule).containsExactly("no-data");
        }
    }

    private static LogEvent payment(Instant at) {
        PaymentMessage m = new PaymentMessage(PaymentType.PAYMENT, false, "order_0123456789ab", 1000,
                "user_000001", "pay_0123456789abcdef", null, "8.8.8.8");
        return new LogEvent(at, Level.INFO, m.render());
    }
}

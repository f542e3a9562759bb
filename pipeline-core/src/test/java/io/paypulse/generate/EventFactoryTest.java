package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.paypulse.config.Scenario;
import io.paypulse.event.Level;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFactoryTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /** Events at {@code perSecond} events/s of event time from T0, all under one scenario. */
    static List<GeneratedEvent> generate(long seed, Scenario s, int n, int perSecond) {
        EventFactory f = new EventFactory(seed);
        List<GeneratedEvent> out = new ArrayList<>(n);
        long nanosPerEvent = 1_000_000_000L / perSecond;
        for (int i = 0; i < n; i++) {
            out.add(f.next(T0.plusNanos(nanosPerEvent * i), s));
        }
        return out;
    }

    static List<PaymentMessage> messages(List<GeneratedEvent> events) {
        return events.stream().map(GeneratedEvent::message).toList();
    }

    @Test
    void sameSeedGivesTheSameSequenceAcrossScenarioSwitches() {
        EventFactory a = new EventFactory(42L);
        EventFactory b = new EventFactory(42L);
        Scenario[] plan = {Scenario.NORMAL, Scenario.CARD_TESTING, Scenario.GATEWAY_OUTAGE, Scenario.QUIET,
            Scenario.REFUND_SPIKE, Scenario.CARD_TESTING};
        for (int i = 0; i < 6_000; i++) {
            Instant t = T0.plusMillis(10L * i);
            Scenario s = plan[i / 1_000];
            assertThat(b.next(t, s)).isEqualTo(a.next(t, s));
        }
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        List<PaymentMessage> a = messages(generate(1, Scenario.NORMAL, 100, 100));
        List<PaymentMessage> b = messages(generate(2, Scenario.NORMAL, 100, 100));
        assertThat(a).doesNotContainAnyElementsOf(b);
    }

    @Test
    void nullSeedGivesARandomSequence() {
        EventFactory a = new EventFactory(null);
        EventFactory b = new EventFactory(null);
        assertThat(a.next(T0, Scenario.NORMAL).message()).isNotEqualTo(b.next(T0, Scenario.NORMAL).message());
    }

    @Test
    void quietGivesNoEvent() {
        EventFactory f = new EventFactory(5L);
        for (int i = 0; i < 100; i++) {
            assertThat(f.next(T0.plusSeconds(i), Scenario.QUIET)).isNull();
        }
    }

    @Test
    void eventCarriesTheTimeTheLevelTheRenderedMessageAndTheUserAsKey() {
        for (GeneratedEvent e : generate(9, Scenario.CARD_TESTING, 5_000, 100)) {
            assertThat(e.key()).isEqualTo(e.message().userId());
            assertThat(e.event().message()).isEqualTo(e.message().render());
            assertThat(e.event().level()).isEqualTo(e.message().failed() ? Level.ERROR : Level.INFO);
        }
        Instant t = Instant.parse("2026-05-05T05:05:05.123456789Z");
        assertThat(new EventFactory(1L).next(t, Scenario.NORMAL).event().timestamp()).isEqualTo(t);
    }

    @Test
    void gatewayOutageFailsSixtyPercentOfPaymentsMostlyAtTheGateway() {
        List<PaymentMessage> ms = messages(generate(11, Scenario.GATEWAY_OUTAGE, 50_000, 100));
        List<PaymentMessage> payments = ms.stream().filter(m -> m.type() == PaymentType.PAYMENT).toList();
        List<PaymentMessage> failedPayments = payments.stream().filter(PaymentMessage::failed).toList();
        assertThat(failedPayments.size() / (double) payments.size()).isCloseTo(0.60, within(0.02));
        long gateway = failedPayments.stream().filter(m -> m.reason().equals("Payment gateway error")).count();
        assertThat(gateway / (double) failedPayments.size()).isGreaterThan(0.8);

        List<PaymentMessage> refunds = ms.stream().filter(m -> m.type() == PaymentType.REFUND).toList();
        assertThat(refunds.size() / (double) ms.size()).isCloseTo(0.10, within(0.01));
        assertThat(refunds.stream().filter(PaymentMessage::failed).count() / (double) refunds.size())
                .isCloseTo(0.10, within(0.02));
    }

    @Test
    void refundSpikeMakesRefundsFortyPercentWithUnchangedFailureRates() {
        List<PaymentMessage> ms = messages(generate(12, Scenario.REFUND_SPIKE, 50_000, 100));
        List<PaymentMessage> refunds = ms.stream().filter(m -> m.type() == PaymentType.REFUND).toList();
        assertThat(refunds.size() / (double) ms.size()).isCloseTo(0.40, within(0.02));
        for (PaymentType type : PaymentType.values()) {
            List<PaymentMessage> ofType = ms.stream().filter(m -> m.type() == type).toList();
            assertThat(ofType.stream().filter(PaymentMessage::failed).count() / (double) ofType.size())
                    .as(type.label()).isCloseTo(0.10, within(0.01));
        }
    }
}

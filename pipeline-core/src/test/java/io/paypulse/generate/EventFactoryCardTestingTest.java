package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.paypulse.config.Scenario;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Card testing: one attacker's small failed payments at ~30 a minute, interleaved into normal traffic. */
class EventFactoryCardTestingTest {

    static final Instant T0 = EventFactoryTest.T0;
    static final int MINUTES = 5;

    @Test
    void oneUserMakesAtLeastTwentyFiveSmallFailedPaymentsEverySimulatedMinuteAtOneHundredEventsPerSecond() {
        List<GeneratedEvent> events = EventFactoryTest.generate(13, Scenario.CARD_TESTING, MINUTES * 60 * 100, 100);
        List<GeneratedEvent> small = events.stream().filter(e -> e.message().amountCents() <= 5_00).toList();

        assertThat(small).extracting(e -> e.message().userId()).containsOnly(small.get(0).message().userId());
        assertThat(small).extracting(e -> e.message().ipAddress()).containsOnly(small.get(0).message().ipAddress());
        for (GeneratedEvent e : small) {
            PaymentMessage m = e.message();
            assertThat(m.type()).isEqualTo(PaymentType.PAYMENT);
            assertThat(m.failed()).isTrue();
            assertThat(m.amountCents()).isBetween(1_00L, 5_00L);
            assertThat(m.reason()).isIn("Card declined", "Invalid CVC", "Insufficient funds");
        }
        int[] perMinute = new int[MINUTES];
        for (GeneratedEvent e : small) {
            perMinute[(int) Duration.between(T0, e.event().timestamp()).toMinutes()]++;
        }
        for (int minute = 0; minute < MINUTES; minute++) {
            assertThat(perMinute[minute]).as("minute %d", minute).isBetween(25, 35);
        }
    }

    @Test
    void otherUsersTrafficContinuesWithTheNormalMix() {
        List<GeneratedEvent> events = EventFactoryTest.generate(14, Scenario.CARD_TESTING, MINUTES * 60 * 100, 100);
        List<PaymentMessage> others = events.stream().map(GeneratedEvent::message)
                .filter(m -> m.amountCents() >= 10_00).toList();
        assertThat(others.size()).isGreaterThan(events.size() * 99 / 100);
        long failedPayments = others.stream().filter(m -> m.type() == PaymentType.PAYMENT && m.failed()).count();
        long payments = others.stream().filter(m -> m.type() == PaymentType.PAYMENT).count();
        assertThat(failedPayments / (double) payments).isCloseTo(0.10, within(0.01));
    }

    @Test
    void resumesItsCadenceAfterAGapInsteadOfBursting() {
        EventFactory f = new EventFactory(15L);
        for (int i = 0; i < 6_000; i++) {
            f.next(T0.plusMillis(10L * i), Scenario.CARD_TESTING);
        }
        Instant later = T0.plus(Duration.ofMinutes(30));
        int attempts = 0;
        for (int i = 0; i < 100; i++) { // one second of events after the gap
            if (f.next(later.plusMillis(10L * i), Scenario.CARD_TESTING).message().amountCents() <= 5_00) {
                attempts++;
            }
        }
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void aNewEpisodeStartsWhenTheScenarioIsEnteredAgain() {
        EventFactory f = new EventFactory(16L);
        Set<String> attackers = new HashSet<>();
        long t = 0;
        for (int episode = 0; episode < 5; episode++) {
            for (int i = 0; i < 6_000; i++, t += 10) {
                GeneratedEvent e = f.next(T0.plusMillis(t), Scenario.CARD_TESTING);
                if (e.message().amountCents() <= 5_00) {
                    attackers.add(e.message().userId());
                }
            }
            f.next(T0.plusMillis(t), Scenario.NORMAL);
        }
        assertThat(attackers).hasSizeGreaterThan(1);
    }
}

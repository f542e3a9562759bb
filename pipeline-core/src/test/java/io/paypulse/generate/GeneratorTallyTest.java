package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.Scenario;
import io.paypulse.event.Group;
import io.paypulse.event.PaymentMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTallyTest {

    @Test
    void countsAndSumsPerGroupMatchTheMessagesAdded() {
        EventFactory factory = new EventFactory(3L);
        List<PaymentMessage> messages = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            messages.add(factory.next(t.plusMillis(10L * i), i < 10_000 ? Scenario.NORMAL : Scenario.CARD_TESTING).message());
        }
        GeneratorTally tally = new GeneratorTally();
        messages.forEach(tally::add);

        long total = 0;
        for (Group g : Group.ALL) {
            List<PaymentMessage> inGroup = messages.stream()
                    .filter(m -> m.type() == g.type() && m.failed() == g.failed()).toList();
            assertThat(tally.count(g)).as(g.key()).isEqualTo(inGroup.size()).isPositive();
            assertThat(tally.sumCents(g)).as(g.key())
                    .isEqualTo(inGroup.stream().mapToLong(PaymentMessage::amountCents).sum());
            total += tally.count(g);
        }
        assertThat(tally.total()).isEqualTo(total).isEqualTo(messages.size());
    }

    @Test
    void concurrentAddsAreAllCounted() throws InterruptedException {
        PaymentMessage m = new EventFactory(1L).next(Instant.EPOCH, Scenario.NORMAL).message();
        GeneratorTally tally = new GeneratorTally();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> {
                for (int j = 0; j < 25_000; j++) {
                    tally.add(m);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        Group g = Group.of(m.type(), m.failed());
        assertThat(tally.count(g)).isEqualTo(100_000);
        assertThat(tally.sumCents(g)).isEqualTo(100_000 * m.amountCents());
        assertThat(tally.total()).isEqualTo(100_000);
    }

    @Test
    void startsAtZero() {
        GeneratorTally tally = new GeneratorTally();
        for (Group g : Group.ALL) {
            assertThat(tally.count(g)).isZero();
            assertThat(tally.sumCents(g)).isZero();
        }
        assertThat(tally.total()).isZero();
    }
}

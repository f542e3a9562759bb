package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.Scenario;
import io.paypulse.event.PaymentMessage;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EventFactoryPropertyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Property(tries = 300)
    void everyRenderedMessageParsesBackToExactlyItsFields(
            @ForAll long seed, @ForAll Scenario scenario, @ForAll @IntRange(min = 1, max = 2_000) int millisBetween) {
        EventFactory f = new EventFactory(seed);
        for (int i = 0; i < 200; i++) {
            GeneratedEvent e = f.next(T0.plusMillis((long) millisBetween * i), scenario);
            if (scenario == Scenario.QUIET) {
                assertThat(e).isNull();
                continue;
            }
            PaymentMessage m = e.message();
            String text = e.event().message();
            assertThat(text).isEqualTo(m.render());
            PaymentMessage back = PaymentMessage.parse(text);
            assertThat(back).isEqualTo(m);
            assertThat(back.render()).isEqualTo(text);
        }
    }
}

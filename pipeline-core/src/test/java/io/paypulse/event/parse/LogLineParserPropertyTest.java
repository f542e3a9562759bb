package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.serde.Json;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any message the grammar can express, written as the generator writes it, reads back exactly. */
class LogLineParserPropertyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final LogLineParser parser = new LogLineParser();

    @Property(tries = 2000)
    void everyWellFormedLineParsesBackToExactlyItsFields(@ForAll("messages") PaymentMessage m,
            @ForAll("times") Instant time) throws Exception {
        LogEvent event = new LogEvent(time, m.failed() ? Level.ERROR : Level.INFO, m.render());
        byte[] json = Json.MAPPER.writeValueAsBytes(event);

        ParsedEvent p = parser.parse(json, NOW).event();

        assertThat(p).isNotNull();
        assertThat(p.eventTime()).isEqualTo(time);
        assertThat(p.type()).isEqualTo(m.type());
        assertThat(p.failed()).isEqualTo(m.failed());
        assertThat(p.orderId()).isEqualTo(m.orderId());
        assertThat(p.amountCents()).isEqualTo(m.amountCents());
        assertThat(p.userId()).isEqualTo(m.userId());
        assertThat(p.ipAddress()).isEqualTo(m.ipAddress());
        assertThat(p.failReason()).isEqualTo(m.reason());
        assertThat(m.type() == PaymentType.PAYMENT ? p.paymentId() : p.refundId()).isEqualTo(m.reference());
    }

    @Provide
    Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, NOW.toEpochMilli()).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<PaymentMessage> messages() {
        Arbitrary<String> hex12 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(12);
        Arbitrary<String> hex16 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(16);
        Arbitrary<String> ip = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> reason = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(PaymentMessage.MAX_REASON_LENGTH)
                .filter(r -> r.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        return Combinators.combine(Arbitraries.of(PaymentType.class), Arbitraries.of(true, false), hex12,
                        Arbitraries.longs().between(0, 999_999_999_999L), Arbitraries.integers().between(0, 999_999),
                        hex16, reason, ip)
                .as((type, failed, order, cents, user, ref, why, addr) -> new PaymentMessage(type, failed,
                        "order_" + order, cents, String.format("user_%06d", user),
                        failed ? null : (type == PaymentType.PAYMENT ? "pay_" : "ref_") + ref,
                        failed ? why : null, addr));
    }
}

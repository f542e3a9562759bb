package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.Scenario;
import io.paypulse.event.MessageFormatException;
import io.paypulse.event.PaymentMessage;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainPayment} (the message read from the line's bytes) answers exactly when
 * {@link PaymentMessage#parse} accepts the text, with the same message: on every message the generator
 * writes, and on each of a few messages with every one-character change, insertion and removal.
 */
class PlainPaymentTest {

    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String REFUND_OK = "Refund processed for order order_0123456789ab. Amount: $0.05. "
            + "User: user_000042. Refund ID: ref_0123456789abcdef. IP: 255.0.10.1";
    private static final String PAY_FAILED = "Payment FAILED for order order_aaaaaaaaaaaa. Amount: $999999999999.99. "
            + "User: user_010000. Reason: Card declined. IP: 8.8.8.8";
    private static final String REFUND_FAILED = "Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. "
            + "User: user_010000. Reason: odd. IP: 1.2.3.4 reason. IP: 10.0.0.1";
    /** ASCII a plain line can carry in its message (no control characters, quotes or backslashes). */
    private static final String CHANGES = "0 9a f g.$:_ . zAFPR,=+-@'\u007f";

    @Test
    void readsEveryMessageTheGeneratorWritesAsTheStringReaderDoes() {
        int read = 0;
        for (Scenario scenario : Scenario.values()) {
            EventFactory factory = new EventFactory(scenario.ordinal() + 7L);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 2_000; i++) {
                GeneratedEvent e = factory.next(t.plusMillis(i), scenario);
                if (e != null) {
                    assertSame(e.event().message());
                    read++;
                }
            }
        }
        assertThat(read).isGreaterThan(1_000);
    }

    @Test
    void decidesAsTheStringReaderOnEveryOneCharacterChange() {
        int accepted = 0;
        int refused = 0;
        for (String valid : List.of(PAY_OK, REFUND_OK, PAY_FAILED, REFUND_FAILED, PAY_FAILED.replace("Card declined",
                "x".repeat(PaymentMessage.MAX_REASON_LENGTH)))) {
            for (String m : variants(valid)) {
                if (assertSame(m)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(accepted).isGreaterThan(100);
        assertThat(refused).isGreaterThan(1_000);
    }

    @Test
    void refusesWhatTheStringReaderRefusesAtTheEdges() {
        for (String m : List.of("", "Payment ", PAY_OK + " ", PAY_OK.replace("$123.45", "$1234567890123.45"),
                PAY_OK.replace("$123.45", "$123456789012.45"), PAY_OK.replace("93.184", "093.184"),
                PAY_OK.replace("93.184", "0093.184"), PAY_OK.replace("93.184", "256.184"),
                PAY_FAILED.replace("Card declined", "x".repeat(PaymentMessage.MAX_REASON_LENGTH + 1)),
                PAY_FAILED.replace("Card declined", ""), "Payment FAILED for order order_aaaaaaaaaaaa. Amount: $1.00. "
                        + "User: user_010000. Reason: . IP: 1.2.3.4")) {
            assertSame(m);
        }
    }

    /** @return whether the message was accepted */
    private static boolean assertSame(String message) {
        byte[] bytes = ("xx" + message + "yy").getBytes(StandardCharsets.US_ASCII); // the message inside a line
        PaymentMessage fast = PlainPayment.read(bytes, 2, bytes.length - 2);
        PaymentMessage expected;
        try {
            expected = PaymentMessage.parse(message);
        } catch (MessageFormatException e) {
            expected = null;
        }
        assertThat(fast).as(message).isEqualTo(expected);
        return expected != null;
    }

    private static List<String> variants(String valid) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= valid.length(); i++) {
            if (i < valid.length()) {
                out.add(valid.substring(0, i) + valid.substring(i + 1));
            }
            for (char c : CHANGES.toCharArray()) {
                out.add(valid.substring(0, i) + c + valid.substring(i));
                if (i < valid.length()) {
                    out.add(valid.substring(0, i) + c + valid.substring(i + 1));
                }
            }
        }
        return out;
    }
}

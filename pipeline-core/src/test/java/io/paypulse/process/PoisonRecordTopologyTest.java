package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records that once stopped the processor for good (issue 10 §1), through the real topology: each
 * goes to the DLQ with a reason, in a bounded size, and the events behind it are processed.
 */
class PoisonRecordTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    /** The broker's default limit for a record (max.request.size / message.max.bytes), about 1 MB. */
    private static final int BROKER_LIMIT = 1_048_576;

    private final TopologyHarness h = new TopologyHarness(Duration.ofSeconds(5), List.of(), T0);

    @AfterEach
    void close() {
        h.close();
    }

    private static String paymentMessage() {
        return new PaymentMessage(PaymentType.PAYMENT, false, "order_0a1b2c3d4e5f", 1234, "user_000001",
                "pay_0123456789abcdef", null, "8.8.8.8").render();
    }

    private static byte[] lineAt(String timestamp) {
        return ("{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"" + paymentMessage() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void sendGoodEvent() {
        h.send("u", new LogEvent(T0.plusSeconds(1), Level.INFO, paymentMessage()));
    }

    private static int jsonBytes(DeadLetter d) {
        return Topics.DLQ_VALUE.serializer().serialize(Topics.DLQ, d).length;
    }

    @Test
    void anEventDatedBefore1970GoesToTheDlqWithAReasonAndTheEventBehindItIsProcessed() {
        h.sendRaw("k", lineAt("1969-12-31T23:59:59Z"), T0);
        sendGoodEvent();

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).isEqualTo("timestamp 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z, "
                + "the earliest time a Kafka record can carry");
        assertThat(h.parsed()).hasSize(1);
        assertThat(h.stats.rejectedCount()).isEqualTo(1);
        assertThat(h.stats.parsedCount()).isEqualTo(1);
    }

    /** Dates a parser accepts but no Kafka record (or Instant millisecond) can carry, or the broker refuses. */
    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
        "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "+292278994-08-17T07:12:55.808Z",
        "2026-11-26T10:16:00Z", "1970-01-01T00:59:59+01:00"})
    void anEventTimeNoRecordCanCarryIsDeadLetteredAndProcessingGoesOn(String timestamp) {
        h.sendRaw("k", lineAt(timestamp), T0);
        sendGoodEvent();

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).startsWith("timestamp ")
                .containsAnyOf("is before 1970-01-01T00:00:00Z", "minutes in the future", "is not ISO-8601");
        assertThat(h.parsed()).hasSize(1);
    }

    @Test
    void theEpochItselfIsAValidEventTime() {
        h.sendRaw("k", lineAt("1970-01-01T00:00:00Z"), T0);
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.parsed()).singleElement().satisfies(p -> assertThat(p.eventTime()).isEqualTo(Instant.EPOCH));
    }

    @Test
    void nineHundredKilobytesOfControlBytesBecomeADeadLetterSmallEnoughForTheBroker() {
        byte[] poison = new byte[900 * 1024];
        Arrays.fill(poison, (byte) 0x01);
        h.sendRaw("k", poison, T0);
        sendGoodEvent();

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(jsonBytes(dead.get(0))).as("JSON bytes of the dead letter").isLessThan(64 * 1024);
        assertThat(h.parsed()).hasSize(1);
    }

    @Test
    void aMegabyteOfInvalidUtf8BecomesADeadLetterSmallEnoughForTheBroker() {
        byte[] poison = new byte[BROKER_LIMIT - 200];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = (byte) (i % 2 == 0 ? 0xC3 : 0xFF); // a lead byte followed by a byte no UTF-8 has
        }
        h.sendRaw("k", poison, T0);
        sendGoodEvent();

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(jsonBytes(dead.get(0))).as("JSON bytes of the dead letter").isLessThan(64 * 1024);
        assertThat(h.parsed()).hasSize(1);
    }
}

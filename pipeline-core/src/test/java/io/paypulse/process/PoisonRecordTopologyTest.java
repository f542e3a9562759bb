package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.json.Mappers;
import io.paypulse.schema.Schemas;
import io.paypulse.topic.Topics;
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
        assertThat(jsonBytes(dead.get(0))).as("JSON bytes of the dead letter").isLessThan(DeadLetter.MAX_JSON_BYTES);
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
        assertThat(jsonBytes(dead.get(0))).as("JSON bytes of the dead letter").isLessThan(DeadLetter.MAX_JSON_BYTES);
        assertThat(h.parsed()).hasSize(1);
    }

    @Test
    void aDeadLetterKeepsTheFirst16KilobytesExactlyWithTheLengthAndHashOfTheWhole() {
        byte[] poison = new byte[900 * 1024];
        for (int i = 0; i < poison.length; i++) {
            poison[i] = (byte) (i * 31 + 7); // every byte value, mostly invalid UTF-8
        }
        h.sendRaw("k", poison, T0);

        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.valueLength()).isEqualTo(poison.length);
        assertThat(d.valueSha256()).isEqualTo(DeadLetter.sha256(poison));
        assertThat(d.value()).isEqualTo(Arrays.copyOf(poison, DeadLetter.KEPT_VALUE_BYTES));
        assertThat(d.truncated()).isTrue();
        assertThat(d.reason()).isEqualTo("value is 921600 bytes, more than the 16384-byte limit");
        assertThat(d.topic()).isEqualTo(Topics.RAW);
        assertThat(d.offset()).isZero();
        assertThat(d.valuePreview()).hasSizeLessThanOrEqualTo(DeadLetter.PREVIEW_CHARS).doesNotContain("\u0001");
    }

    @Test
    void aSmallBadValueIsKeptWholeAndReadsBackAsText() {
        h.sendRaw("k", "not json".getBytes(StandardCharsets.UTF_8), T0);
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.valueText()).isEqualTo("not json");
        assertThat(d.valuePreview()).isEqualTo("not json");
        assertThat(d.valueLength()).isEqualTo(8);
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void aHugeKeyIsRejectedAndItsDeadLetterStaysSmall() {
        String key = "\u0001".repeat(900 * 1024);
        h.sendRaw(key, lineAt("2026-11-26T10:00:01Z"), T0);
        sendGoodEvent();

        var records = h.deadLetterRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value().length + records.get(0).key().length()).isLessThan(DeadLetter.MAX_JSON_BYTES);
        DeadLetter d = Topics.DLQ_VALUE.deserializer().deserialize(Topics.DLQ, records.get(0).value());
        assertThat(d.reason()).isEqualTo("key is 921600 characters long, more than the 1024-character limit");
        assertThat(d.key()).hasSize(DeadLetter.MAX_KEY_CHARS).endsWith("…");
        assertThat(h.parsed()).hasSize(1);
    }

    @Test
    void aNullValueIsDeadLettered() {
        h.sendRaw("k", null, T0);
        sendGoodEvent();
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.reason()).isEqualTo("empty value");
        assertThat(d.valueLength()).isEqualTo(-1);
        assertThat(d.value()).isNull();
        assertThat(h.parsed()).hasSize(1);
    }

    @Test
    void everyDeadLetterStaysUnderItsDocumentedBoundWhateverItsTexts() {
        String nasty = "\"\\\u0001\u2028".repeat(400_000); // quotes, backslashes, controls: the costliest to escape
        byte[] value = nasty.getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of(nasty, Topics.RAW, 0, 0, T0, nasty, value);
        assertThat(jsonBytes(d)).isLessThan(DeadLetter.MAX_JSON_BYTES);
        assertThat(Topics.DLQ_VALUE.deserializer().deserialize(Topics.DLQ,
                Topics.DLQ_VALUE.serializer().serialize(Topics.DLQ, d))).isEqualTo(d);
    }

    @Test
    void deadLettersMatchTheirPublishedSchema() throws Exception {
        byte[] poison = new byte[200_000];
        Arrays.fill(poison, (byte) 0x01);
        h.sendRaw("k", poison, T0);
        h.sendRaw(null, null, T0);
        h.sendRaw("k", lineAt("1969-12-31T23:59:59Z"), T0);
        String text;
        try (var in = getClass().getResourceAsStream("/io/paypulse/schema/payment-dead-letter.schema.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var schema = Schemas.compile(text);
        var records = h.deadLetterRecords();
        assertThat(records).hasSize(3);
        for (var r : records) {
            assertThat(schema.problems(Mappers.json().readTree(r.value()))).isNull();
        }
    }
}

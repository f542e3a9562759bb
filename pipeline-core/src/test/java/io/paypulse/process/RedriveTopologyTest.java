package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import io.paypulse.json.Mappers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Re-driven records (issue 13 §3, docs/decisions/0014) through the production topology: a record with
 * a {@code paypulse-redrive-of} identity counts once however often it arrives while its window is
 * open; a late re-drive goes back to the DLQ as late, keeping its identity; every dead letter says its
 * category in a header.
 */
class RedriveTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String IDENTITY = "payment/0/7";

    private final TopologyHarness h = new TopologyHarness(Duration.ofSeconds(5), List.of(), T0);
    private int orders;

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aRecordReDrivenThreeTimesCountsOnceInItsFinalWindow() {
        h.send("k", payment(T0.plusSeconds(10), 1_000));
        byte[] fixedUp = bytes(payment(T0.plusSeconds(20), 2_500));
        for (int i = 0; i < 3; i++) {
            h.sendRaw("user_000001", fixedUp, T0.plusSeconds(30 + i), redriveOf(IDENTITY));
        }
        h.send("k", payment(T0.plusSeconds(70), 100)); // progress past [T0, T0+60 s) + 5 s grace

        WindowAggregate first = successfulPayments(T0);
        assertThat(first.eventCount()).isEqualTo(2);
        assertThat(first.totalAmountCents()).isEqualTo(3_500);
        assertThat(h.stats.redriveDuplicateCount()).isEqualTo(2);
        assertThat(h.deadLetters()).as("duplicates are dropped, not dead-lettered").isEmpty();
    }

    @Test
    void differentIdentitiesWithTheSameValueEachCount() {
        byte[] value = bytes(payment(T0.plusSeconds(20), 700));
        h.sendRaw("u", value, T0.plusSeconds(21), redriveOf("payment/0/1"));
        h.sendRaw("u", value, T0.plusSeconds(22), redriveOf("payment/0/2"));
        h.send("k", payment(T0.plusSeconds(70), 100));

        assertThat(successfulPayments(T0).eventCount()).isEqualTo(2);
        assertThat(h.stats.redriveDuplicateCount()).isZero();
    }

    @Test
    void aLateReDriveGoesBackToTheDlqAsLateWithItsIdentityAndIsNotCounted() {
        h.send("k", payment(T0.plusSeconds(10), 1_000));
        h.send("k", payment(T0.plusSeconds(100), 100)); // [T0, T0+60 s) is closed for this partition
        h.sendRaw("user_000001", bytes(payment(T0.plusSeconds(20), 2_500)), T0.plusSeconds(101), redriveOf(IDENTITY));

        List<TestRecord<String, DeadLetter>> dead = h.deadLetterRecordsWithHeaders();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value().reason()).startsWith("late event at " + T0.plusSeconds(20))
                    .endsWith("(re-drive of " + IDENTITY + ")");
            assertThat(header(r, DeadLetterHeaders.CATEGORY)).isEqualTo("late");
            assertThat(header(r, DeadLetterHeaders.REDRIVE_OF)).isEqualTo(IDENTITY);
        });
        h.send("k", payment(T0.plusSeconds(200), 100));
        assertThat(successfulPayments(T0).eventCount()).isEqualTo(1);
        assertThat(h.stats.lateCount()).isEqualTo(1);
    }

    @Test
    void aReDriveCountedInAWindowThatHasSinceClosedIsLateNotCountedAgain() {
        byte[] value = bytes(payment(T0.plusSeconds(20), 2_500));
        h.sendRaw("u", value, T0.plusSeconds(21), redriveOf(IDENTITY));
        h.send("k", payment(T0.plusSeconds(100), 100)); // the window closes; the identity is forgotten with it
        h.sendRaw("u", value, T0.plusSeconds(101), redriveOf(IDENTITY));

        assertThat(h.deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("late event at " + T0.plusSeconds(20)));
        h.send("k", payment(T0.plusSeconds(200), 100));
        assertThat(successfulPayments(T0).eventCount()).isEqualTo(1);
        assertThat(h.stats.redriveDuplicateCount()).isZero();
    }

    @Test
    void aReDriveThatIsStillBadIsDeadLetteredAgainWithItsCategoryAndIdentity() {
        h.sendRaw("u", "{\"timestamp\": 12, \"level\": \"INFO\", \"message\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                T0, redriveOf(IDENTITY));
        h.sendRaw("u", "{\"timestamp\": \"2026-11-26T10:00:01Z\", \"lev".getBytes(StandardCharsets.UTF_8), T0, redriveOf("payment/0/8"));

        List<TestRecord<String, DeadLetter>> dead = h.deadLetterRecordsWithHeaders();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), DeadLetterHeaders.CATEGORY)).isEqualTo("schema");
        assertThat(header(dead.get(0), DeadLetterHeaders.REDRIVE_OF)).isEqualTo(IDENTITY);
        assertThat(header(dead.get(1), DeadLetterHeaders.CATEGORY)).isEqualTo("unparseable");
        assertThat(header(dead.get(1), DeadLetterHeaders.REDRIVE_OF)).isEqualTo("payment/0/8");
        assertThat(h.stats.redriveDuplicateCount()).isZero();
    }

    @Test
    void ordinaryDeadLettersCarryTheirCategoryAndNoIdentity() {
        h.sendRaw("u", "not json".getBytes(StandardCharsets.UTF_8), T0);
        h.sendRaw("u", "{\"timestamp\": \"2026-11-26T10:00:01Z\", \"level\": \"WARN\", \"message\": \"x\"}"
                .getBytes(StandardCharsets.UTF_8), T0);
        h.send("k", payment(T0.plusSeconds(100), 100));
        h.send("k", payment(T0.plusSeconds(10), 100));

        List<TestRecord<String, DeadLetter>> dead = h.deadLetterRecordsWithHeaders();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.CATEGORY))
                .containsExactly("unparseable", "schema", "late");
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REDRIVE_OF)).containsOnlyNulls();
    }

    private WindowAggregate successfulPayments(Instant start) {
        return h.finals().stream()
                .filter(a -> a.start().equals(start) && a.type() == PaymentType.PAYMENT && !a.failed())
                .findFirst().orElseThrow(() -> new AssertionError("no final window at " + start));
    }

    private LogEvent payment(Instant at, long cents) {
        PaymentMessage m = new PaymentMessage(PaymentType.PAYMENT, false, String.format("order_%012x", ++orders), cents,
                "user_000001", "pay_0123456789abcdef", null, "8.8.8.8");
        return new LogEvent(at, Level.INFO, m.render());
    }

    private static byte[] bytes(LogEvent e) {
        try {
            return Mappers.json().writeValueAsBytes(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    private static RecordHeaders redriveOf(String identity) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REDRIVE_OF, identity.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(TestRecord<String, DeadLetter> r, String name) {
        return DeadLetterHeaders.text(r.headers(), name);
    }
}

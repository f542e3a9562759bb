package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import io.paypulse.schema.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final TopologyHarness h = new TopologyHarness(Duration.ofSeconds(5), List.of(), T0);
    private int orders;

    @AfterEach
    void close() {
        h.close();
    }

    private LogEvent payment(Instant at, boolean failed, long cents) {
        PaymentMessage m = new PaymentMessage(PaymentType.PAYMENT, failed, String.format("order_%012x", ++orders), cents,
                "user_000001", failed ? null : "pay_0123456789abcdef", failed ? "Card declined" : null, "8.8.8.8");
        return new LogEvent(at, failed ? Level.ERROR : Level.INFO, m.render());
    }

    private LogEvent refund(Instant at, long cents) {
        PaymentMessage m = new PaymentMessage(PaymentType.REFUND, false, String.format("order_%012x", ++orders), cents,
                "user_000002", "ref_0123456789abcdef", null, "8.8.4.4");
        return new LogEvent(at, Level.INFO, m.render());
    }

    private static WindowAggregate find(List<WindowAggregate> aggs, Instant start, PaymentType type, boolean failed) {
        return aggs.stream().filter(a -> a.start().equals(start) && a.type() == type && a.failed() == failed)
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void everyGoodLineIsPublishedParsedWithItsEventTime() {
        h.send("user_000001", payment(T0.plusSeconds(3), false, 1234));
        var parsed = h.parsed();
        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).amountCents()).isEqualTo(1234);
        assertThat(parsed.get(0).eventTime()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aWindowIsFinalOnlyOnceStreamTimePassesItsEndPlusGrace() {
        h.send("u", payment(T0.plusSeconds(10), false, 1000));
        h.send("u", payment(T0.plusSeconds(59), true, 500));
        h.send("u", payment(T0.plusSeconds(64), false, 1)); // next window, end+grace not reached
        assertThat(h.finals()).isEmpty();

        h.send("u", payment(T0.plusSeconds(65), false, 1)); // stream time = end + grace
        List<WindowAggregate> finals = h.finals();
        assertThat(finals).hasSize(4).allMatch(a -> a.start().equals(T0) && a.end().equals(T0.plusSeconds(60)));
        assertThat(find(finals, T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(1);
        assertThat(find(finals, T0, PaymentType.PAYMENT, false).totalAmountCents()).isEqualTo(1000);
        assertThat(find(finals, T0, PaymentType.PAYMENT, true).totalAmountCents()).isEqualTo(500);
        assertThat(find(finals, T0, PaymentType.REFUND, false).eventCount()).isZero();
    }

    @Test
    void anEventWithinTheGraceStillCountsInItsWindow() {
        h.send("u", payment(T0.plusSeconds(30), false, 100));
        h.send("u", payment(T0.plusSeconds(62), false, 100)); // next window; stream time 62
        h.send("u", payment(T0.plusSeconds(59), false, 100)); // 3 s late: within 5 s grace
        h.send("u", payment(T0.plusSeconds(70), false, 100)); // closes the first window
        assertThat(find(h.finals(), T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(2);
        assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void anEventAfterTheGraceGoesToTheDlqAndIsCountedNotAddedToAFinalWindow() {
        h.send("u", payment(T0.plusSeconds(30), false, 100));
        h.send("u", payment(T0.plusSeconds(66), false, 100)); // closes [T0, T0+60)
        h.send("u", payment(T0.plusSeconds(40), false, 100)); // late
        h.send("u", payment(T0.plusSeconds(200), false, 100));

        List<WindowAggregate> firstWindow = h.finals().stream().filter(a -> a.start().equals(T0)).toList();
        assertThat(firstWindow).hasSize(4);
        assertThat(find(firstWindow, T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(1);
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).startsWith("late event at " + T0.plusSeconds(40));
        assertThat(h.stats.lateCount()).isEqualTo(1);
    }

    @Test
    void eachWindowAndGroupIsFinalExactlyOnce() {
        for (int s = 0; s < 300; s += 7) {
            h.send("u", payment(T0.plusSeconds(s), s % 2 == 0, 100));
            h.send("u", refund(T0.plusSeconds(s), 50));
        }
        h.wallClockTo(T0.plus(Duration.ofMinutes(10)));
        List<WindowAggregate> finals = h.finals();
        assertThat(finals).hasSize(5 * 4);
        assertThat(finals.stream().map(a -> a.start() + "|" + a.type() + "|" + a.failed()).distinct()).hasSize(20);
        assertThat(finals.stream().mapToLong(WindowAggregate::eventCount).sum()).isEqualTo(2 * 43);
    }

    @Test
    void liveTotalsOfTheOpenWindowArriveOnTheWallClockTick() {
        h.send("u", payment(T0.plusSeconds(1), false, 100));
        h.send("u", payment(T0.plusSeconds(2), false, 200));
        h.wallClockTo(T0.plusMillis(200));
        List<WindowAggregate> live = h.aggregates();
        assertThat(live).isNotEmpty().noneMatch(WindowAggregate::isFinal);
        assertThat(find(live, T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(2);
        assertThat(find(live, T0, PaymentType.PAYMENT, false).totalAmountCents()).isEqualTo(300);

        h.send("u", payment(T0.plusSeconds(3), false, 300));
        h.wallClockTo(T0.plusMillis(400));
        assertThat(find(h.aggregates(), T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(3);
    }

    @Test
    void nothingIsRepublishedWhileNoEventArrives() {
        h.send("u", payment(T0.plusSeconds(1), false, 100));
        h.wallClockTo(T0.plusMillis(200));
        h.aggregates();
        h.wallClockTo(T0.plusSeconds(2));
        assertThat(h.aggregates()).isEmpty();
    }

    @Test
    void anIdlePipelineFinishesItsLastWindowByWallClock() {
        h.send("u", payment(T0.plusSeconds(10), false, 100));
        h.wallClockTo(T0.plusSeconds(64));
        assertThat(h.finals()).isEmpty();
        h.wallClockTo(T0.plusSeconds(66)); // idle > grace and wall clock past end + grace
        assertThat(h.finals()).hasSize(4);
        assertThat(h.stats.openWindowCount()).isZero();
    }

    @Test
    void windowsStayOpenWhileTheParseTaskHasNotReportedItsPartitionIdleHoweverLongTheWindowStageHearsNothing() {
        // A parse task busy with a backlog never reports idle; here its idle timeout is 10 min, so for the
        // window stage 3 minutes of silence look exactly like that: no window may close by wall clock.
        TopologyOptions slowIdle = new TopologyOptions(1, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofMillis(100), List.of(), PartitionLag.CAUGHT_UP);
        try (TopologyHarness busy = new TopologyHarness(slowIdle, T0)) {
            busy.send("u", payment(T0.plusSeconds(10), false, 100));
            for (int s = 1; s <= 180; s++) {
                busy.wallClockTo(T0.plusSeconds(s));
            }
            assertThat(busy.finals()).isEmpty();
            busy.send("u", payment(T0.plusSeconds(30), false, 200)); // the backlog goes on: not late
            assertThat(busy.deadLetters()).isEmpty();
            busy.wallClockTo(T0.plusSeconds(180 + 600)); // 10 min after its last input the parse task reports idle
            assertThat(find(busy.finals(), T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(2);
        }
    }

    @Test
    void noIdleMarkWhileTheConsumerIsBehindOnThePartitionHoweverLongNoRecordArrived() {
        // After a restart or a stall the parse task can go a long time without a record while its
        // backlog waits in the topic: the consumer's lag, not the silence, decides.
        AtomicLong behind = new AtomicLong(5_000);
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of())
                .withLag((topic, partition) -> OptionalLong.of(behind.get()));
        try (TopologyHarness restarted = new TopologyHarness(options, T0)) {
            restarted.send("u", payment(T0.plusSeconds(10), false, 100));
            for (int s = 1; s <= 120; s++) {
                restarted.wallClockTo(T0.plusSeconds(s));
            }
            assertThat(restarted.finals()).isEmpty();
            behind.set(0);
            restarted.wallClockTo(T0.plusSeconds(121));
            assertThat(find(restarted.finals(), T0, PaymentType.PAYMENT, false).eventCount()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownLagCountsAsBehind() {
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of())
                .withLag((topic, partition) -> OptionalLong.empty());
        try (TopologyHarness fresh = new TopologyHarness(options, T0)) {
            fresh.send("u", payment(T0.plusSeconds(10), false, 100));
            fresh.wallClockTo(T0.plusSeconds(300));
            assertThat(fresh.finals()).isEmpty();
        }
    }

    @Test
    void anEventAfterTheIdleMarkClosedItsWindowIsLateAndGoesToTheDlq() {
        h.send("u", payment(T0.plusSeconds(10), false, 100));
        h.wallClockTo(T0.plusSeconds(70));
        assertThat(h.finals()).hasSize(4);
        h.send("u", payment(T0.plusSeconds(20), false, 100));
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).startsWith("late event at 2026-11-26T10:00:20Z");
        assertThat(h.stats.lateCount()).isEqualTo(1);
    }

    @Test
    void malformedRecordsGoToTheDlqWithReasonAndOriginAndProcessingContinues() {
        h.sendRaw("k1", "not json".getBytes(StandardCharsets.UTF_8), T0);
        h.sendRaw("k2", "{\"timestamp\":\"2026-11-26T10:00:01Z\",\"level\":\"INFO\",\"message\":\"hello\"}"
                .getBytes(StandardCharsets.UTF_8), T0);
        h.send("u", payment(T0.plusSeconds(2), false, 100));

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).reason()).startsWith("invalid JSON");
        assertThat(dead.get(0).valueText()).isEqualTo("not json");
        assertThat(dead.get(0).topic()).isEqualTo("payment");
        assertThat(dead.get(0).offset()).isEqualTo(0);
        assertThat(dead.get(1).reason()).startsWith("message: expected 'Payment ' or 'Refund '");
        assertThat(dead.get(1).key()).isEqualTo("k2");
        assertThat(dead.get(1).offset()).isEqualTo(1);
        assertThat(h.parsed()).hasSize(1);
        assertThat(h.stats.rejectedCount()).isEqualTo(2);
    }

    @Test
    void eventsThatBreakTheSchemaGoToTheDlqWithTheValidationMessage() {
        String bad = "{\"timestamp\":\"2026-11-26T10:00:01Z\",\"level\":\"WARN\",\"message\":\"x\"}";
        h.sendRaw("k1", bad.getBytes(StandardCharsets.UTF_8), T0);
        h.sendRaw("k2", WireFormat.frame(3, bad.getBytes(StandardCharsets.UTF_8)), T0);
        h.send("u", payment(T0.plusSeconds(2), false, 100));

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).reason())
                .isEqualTo("schema: $.level: does not have a value in the enumeration [\"INFO\", \"ERROR\"]");
        assertThat(dead.get(0).valueText()).isEqualTo(bad);
        assertThat(dead.get(1).reason()).startsWith("the value is in the Schema Registry wire format (schema id 3)");
        assertThat(dead.get(1).value()).isEqualTo(WireFormat.frame(3, bad.getBytes(StandardCharsets.UTF_8)));
        assertThat(h.parsed()).hasSize(1);
    }
}

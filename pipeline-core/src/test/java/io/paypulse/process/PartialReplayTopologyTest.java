package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window stage combines the parse tasks' cumulative partials idempotently: a partial replayed
 * (after a crash or a rebalance) or arriving after a newer one counts nothing twice. Partials are
 * written into the repartition topic as the parse tasks would.
 */
class PartialReplayTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final long W = T0.toEpochMilli();

    private TopologyHarness h;

    @AfterEach
    void close() {
        h.close();
    }

    private TopologyHarness harness(int partitions, Duration partitionTimeout) {
        // Lag unknown: the driver's own parse task sends no idle marks; only the partials below move time.
        return new TopologyHarness(new TopologyOptions(partitions, Duration.ofSeconds(5), Duration.ofSeconds(5),
                partitionTimeout, Duration.ofMillis(100), List.of(), (topic, partition) -> OptionalLong.empty()), T0);
    }

    /** A partial of {@code partition}: {@code payments} successful payments of 1.00 each in window T0. */
    private void send(int partition, long progressSeconds, long payments) {
        List<Partial.WindowCounts> windows = payments < 0 ? List.of()
                : List.of(new Partial.WindowCounts(W, new long[] {payments, 0, 0, 0}, new long[] {payments * 100, 0, 0, 0}));
        Partial p = new Partial(partition, T0.plusSeconds(progressSeconds).toEpochMilli(), windows, List.of());
        h.sendToWindowInput(Partial.serde().serializer().serialize(TopologyHarness.WINDOW_STAGE_TOPIC, p), h.wallClock());
    }

    private static WindowAggregate okPayments(List<WindowAggregate> finals) {
        return finals.stream().filter(a -> a.start().equals(T0) && a.type() == PaymentType.PAYMENT && !a.failed())
                .findFirst().orElseThrow();
    }

    @Test
    void theSamePartialTwiceAndAnOlderPartialAfterANewerOneCountOnce() {
        h = harness(2, Duration.ofMinutes(5));
        send(0, 30, 3);
        send(0, 30, 3); // replayed
        send(1, 20, 1);
        send(1, 25, 4); // newer
        send(1, 20, 1); // the older one again, after the newer
        h.wallClockTo(T0.plusMillis(200));
        assertThat(okPayments(h.aggregates()).eventCount()).as("live total").isEqualTo(7);

        send(0, 70, -1);
        send(1, 70, -1);
        List<WindowAggregate> finals = h.finals();
        assertThat(finals).hasSize(4);
        assertThat(okPayments(finals).eventCount()).isEqualTo(7);
        assertThat(okPayments(finals).totalAmountCents()).isEqualTo(700);
        assertThat(h.stats.lateCount()).isZero();
    }

    @Test
    void aPartitionDroppedAsSilentThatComesBackHasWhatItAddsToAFinalWindowCountedLateOnce() {
        h = harness(2, Duration.ofMinutes(1));
        send(0, 10, 2);
        send(1, 10, 1);
        // Partition 0 keeps reporting; partition 1 goes silent and is dropped after a minute.
        for (int s = 10; s <= 120; s += 10) {
            h.wallClockTo(T0.plusSeconds(s));
            send(0, 100 + s, -1);
        }
        assertThat(okPayments(h.finals()).eventCount()).as("final without partition 1's later events").isEqualTo(3);

        send(1, 15, 4); // back: cumulative 4, of which 1 was counted
        send(1, 15, 4); // the same again: nothing new
        send(1, 16, 5); // one more
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).reason()).startsWith("late partial from raw partition 1: 3 events for window " + T0);
        assertThat(dead.get(0).valueText()).startsWith("Payment/ok 3 3.00");
        assertThat(dead.get(1).reason()).startsWith("late partial from raw partition 1: 1 events for window " + T0);
        assertThat(h.stats.lateCount()).isEqualTo(4);
        assertThat(h.finals()).as("a final window is published once").isEmpty();
    }
}

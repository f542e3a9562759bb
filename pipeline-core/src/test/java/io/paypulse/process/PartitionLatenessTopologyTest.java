package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.Group;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import io.paypulse.json.Mappers;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lateness per raw partition (issue 11 §2): an event is late when its window ended (+ grace) before
 * the highest event time of ITS OWN partition, whatever the other partitions are doing. Partition 0
 * is the driver's; partition 1 runs the same parse processor ({@link OtherPartitionParseTask}) and
 * lags minutes behind.
 */
class PartitionLatenessTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    // No idle marks (lag unknown): only events move the partitions' progress here.
    private static final TopologyOptions OPTIONS = new TopologyOptions(2, Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMinutes(30), Duration.ofMillis(100), List.of(), (topic, partition) -> OptionalLong.empty());

    private final TopologyHarness h = new TopologyHarness(OPTIONS, T0);
    private final OtherPartitionParseTask slow = new OtherPartitionParseTask(1, OPTIONS, h);
    /** Independent tally of accepted events: window start -> [count, sum] per group index. */
    private final Map<Instant, long[][]> tally = new TreeMap<>();
    private int orders;

    @AfterEach
    void close() {
        h.close();
    }

    /** An event at {@code at}, of a group and amount that vary; remembered for {@link #counted}. */
    private LogEvent event(Instant at) {
        int n = ++orders;
        lastType = n % 5 == 0 ? PaymentType.REFUND : PaymentType.PAYMENT;
        lastFailed = n % 3 == 0;
        lastCents = 100 + n;
        String id = lastFailed ? null : (lastType == PaymentType.PAYMENT ? "pay_0123456789abcdef" : "ref_0123456789abcdef");
        PaymentMessage m = new PaymentMessage(lastType, lastFailed, String.format("order_%012x", n), lastCents,
                String.format("user_%06d", n % 7), id, lastFailed ? "Card declined" : null, "8.8.8.8");
        return new LogEvent(at, lastFailed ? Level.ERROR : Level.INFO, m.render());
    }

    private PaymentType lastType;
    private boolean lastFailed;
    private long lastCents;

    /** Tallies the event made last, from what it was made of (not from what the pipeline parsed). */
    private void counted(Instant at) {
        long ms = at.toEpochMilli();
        Instant start = Instant.ofEpochMilli(ms - Math.floorMod(ms, 60_000L));
        long[] t = tally.computeIfAbsent(start, s -> new long[4][2])[Group.of(lastType, lastFailed).index()];
        t[0]++;
        t[1] += lastCents;
    }

    private void fast(int second) {
        h.send("k", event(T0.plusSeconds(second)));
        counted(T0.plusSeconds(second));
    }

    private void slow(int second) {
        slow.send("k", event(T0.plusSeconds(second)));
        counted(T0.plusSeconds(second));
    }

    @Test
    void aLaggingPartitionsOldEventsCountAndAnEventFarBehindItsOwnPartitionIsLateThoughItsWindowIsOpenGlobally() {
        for (int s = 0; s <= 300; s++) {
            fast(s);
        }
        // 100 s behind partition 0's own progress (300 s): its window [180 s, 240 s) ended + grace for
        // partition 0, though partition 1 has sent nothing yet, so no window is final anywhere.
        LogEvent outOfOrder = event(T0.plusSeconds(200));
        h.send("k", outOfOrder);
        fast(297); // 3 s behind: within the grace, counts
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.reason()).startsWith("late event at " + T0.plusSeconds(200) + ": window " + T0.plusSeconds(180)
                    + " closed (grace 5.0 s");
            assertThat(d.topic()).isEqualTo(Topics.RAW);
            assertThat(d.offset()).isEqualTo(301);
        });
        assertThat(h.stats.lateCount()).isEqualTo(1);
        assertThat(h.finals()).as("no window is final while partition 1 has not reported").isEmpty();

        // Partition 1, minutes behind partition 0: all of its events count.
        for (int s = 0; s <= 120; s += 2) {
            slow(s);
        }
        slow.tick(h.wallClock());
        assertThat(slow.deadLetters()).isEmpty();
        assertThat(slow.stats.lateCount()).isZero();
        // The watermark is partition 1's 120 s: only [0, 60) is final (65 s <= 120 s).
        List<WindowAggregate> finals = new ArrayList<>(h.finals());
        assertFinalsMatchTally(finals, 1);

        for (int s = 301; s <= 400; s++) {
            fast(s);
        }
        for (int s = 122; s <= 400; s += 2) {
            slow(s);
        }
        fast(500);
        slow(500);
        // Watermark 500 s: windows up to [420 s, 480 s) are final; the 7 with events once each, with exactly the tally.
        finals.addAll(h.finals());
        assertThat(finals.stream().map(a -> a.start() + "|" + a.type() + "|" + a.failed()).distinct())
                .hasSize(finals.size());
        assertFinalsMatchTally(finals, 7);
        assertThat(h.stats.lateCount()).isEqualTo(1);
    }

    @Test
    void oneEventDatedMinutesAheadOfItsSendingDoesNotMakeItsPartitionsOnTimeEventsLate() throws Exception {
        for (int s = 0; s <= 120; s++) {
            fast(s);
        }
        // Sent at 120 s, dated 13 minutes later (within the parser's 15-minute future skew): it counts in
        // its own window, but must not move partition 0's progress to 900 s, or the next minutes of
        // on-time events there would all be late.
        Instant ahead = T0.plusSeconds(120 + 13 * 60);
        h.sendRaw("k", Mappers.json().writeValueAsBytes(event(ahead)), T0.plusSeconds(120));
        counted(ahead);
        for (int s = 121; s <= 300; s++) {
            fast(s);
        }
        for (int s = 0; s <= 300; s += 2) {
            slow(s);
        }
        fast(400);
        slow(400);
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.stats.lateCount()).isZero();
        // Watermark 400 s: [0, 60) .. [300, 360) are final (six windows), with exactly the tally; the
        // window of the event dated ahead is still open.
        assertFinalsMatchTally(h.finals(), 6);
    }

    /** {@code finals} are the tally's first {@code windows} windows, group by group. */
    private void assertFinalsMatchTally(List<WindowAggregate> finals, int windows) {
        List<Instant> expected = new ArrayList<>(tally.keySet()).subList(0, windows);
        assertThat(finals.stream().map(WindowAggregate::start).distinct()).containsExactlyInAnyOrderElementsOf(expected);
        for (WindowAggregate a : finals) {
            long[] t = tally.get(a.start())[Group.of(a.type(), a.failed()).index()];
            assertThat(new long[] {a.eventCount(), a.totalAmountCents()}).as("%s %s failed=%s", a.start(), a.type(), a.failed())
                    .containsExactly(t);
        }
    }
}

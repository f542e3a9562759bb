package io.paypulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Group;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowGroundTruthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static PaymentMessage msg(PaymentType type, boolean failed, long cents) {
        return new PaymentMessage(type, failed, "order_0123456789ab", cents, "user_000001",
                failed ? null : "pay_0123456789abcdef", failed ? "Card declined" : null, "8.8.8.8");
    }

    private static WindowAggregate agg(Instant start, PaymentType type, boolean failed, long count, long cents) {
        return new WindowAggregate(start, start.plusSeconds(60), type, failed, count, cents, true);
    }

    private final WindowGroundTruth truth = new WindowGroundTruth();

    @Test
    void countsAndSumsPerMinuteOfEventTimeAndGroupWithTheWindowEndExclusive() {
        truth.add(T0, msg(PaymentType.PAYMENT, false, 1000));
        truth.add(T0.plusMillis(59_999), msg(PaymentType.PAYMENT, false, 250));
        truth.add(T0.plusSeconds(60), msg(PaymentType.PAYMENT, false, 7));
        truth.add(T0.plusSeconds(1), msg(PaymentType.REFUND, true, 99));

        Map<WindowGroundTruth.Key, WindowGroundTruth.Totals> e = truth.expected();
        Group ok = Group.of(PaymentType.PAYMENT, false);
        assertThat(e).hasSize(3);
        assertThat(e.get(WindowGroundTruth.keyOf(T0, ok))).isEqualTo(new WindowGroundTruth.Totals(2, 1250));
        assertThat(e.get(WindowGroundTruth.keyOf(T0.plusSeconds(60), ok))).isEqualTo(new WindowGroundTruth.Totals(1, 7));
        assertThat(e.get(WindowGroundTruth.keyOf(T0, Group.of(PaymentType.REFUND, true))))
                .isEqualTo(new WindowGroundTruth.Totals(1, 99));
        assertThat(truth.events()).isEqualTo(4);
    }

    @Test
    void agreesWithExactFinalsAndNamesEveryDifference() {
        truth.add(T0.plusSeconds(5), msg(PaymentType.PAYMENT, false, 1000));
        truth.add(T0.plusSeconds(65), msg(PaymentType.PAYMENT, true, 500));
        truth.add(T0.plusSeconds(125), msg(PaymentType.REFUND, false, 300));

        Map<WindowGroundTruth.Key, WindowAggregate> finals = new HashMap<>();
        for (WindowAggregate a : new WindowAggregate[] {agg(T0, PaymentType.PAYMENT, false, 1, 1000),
                agg(T0.plusSeconds(60), PaymentType.PAYMENT, true, 1, 500),
                agg(T0.plusSeconds(120), PaymentType.REFUND, false, 1, 300)}) {
            finals.put(WindowGroundTruth.keyOf(a), a);
        }
        assertThat(truth.differences(finals)).isEmpty();

        WindowAggregate wrongSum = agg(T0, PaymentType.PAYMENT, false, 1, 1001);
        finals.put(WindowGroundTruth.keyOf(wrongSum), wrongSum);
        finals.remove(WindowGroundTruth.keyOf(T0.plusSeconds(120), Group.of(PaymentType.REFUND, false)));
        WindowAggregate extra = agg(T0.plusSeconds(60), PaymentType.REFUND, true, 3, 30);
        finals.put(WindowGroundTruth.keyOf(extra), extra);
        WindowAggregate otherBatch = agg(T0.plusSeconds(3600), PaymentType.REFUND, true, 3, 30);
        finals.put(WindowGroundTruth.keyOf(otherBatch), otherBatch);

        assertThat(truth.differences(finals)).containsExactlyInAnyOrder(
                "final aggregate for 2026-01-01T00:00:00Z Payment/ok has 1 events / 1001 cents, expected 1 / 1000",
                "no final aggregate for 2026-01-01T00:02:00Z Refund/ok (expected 1 events)",
                "unexpected final aggregate for 2026-01-01T00:01:00Z Refund/failed with 3 events");
    }
}

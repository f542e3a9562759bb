package io.paypulse.pipeline;

import io.paypulse.config.Scenario;
import io.paypulse.event.Group;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import java.time.Instant;

/**
 * An independent recount: the same seed gives the same events, so we regenerate them here and
 * total them per group without any Kafka, Streams or CSV code involved.
 */
record ExpectedTotals(long[] counts, long[] sumsCents) {

    static ExpectedTotals of(long seed, int events) {
        EventFactory factory = new EventFactory(seed);
        long[] counts = new long[4];
        long[] sums = new long[4];
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < events; i++) {
            GeneratedEvent e = factory.next(t, Scenario.NORMAL);
            int g = Group.of(e.message().type(), e.message().failed()).index();
            counts[g]++;
            sums[g] += e.message().amountCents();
        }
        return new ExpectedTotals(counts, sums);
    }
}

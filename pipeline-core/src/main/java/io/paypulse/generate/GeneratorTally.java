package io.paypulse.generate;

import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentMessage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals per {@link Group} of what the generator had acknowledged, so tests and
 * {@code run} summaries can compare the processor's output with an independent count.
 * Thread-safe: the producer's I/O thread adds, any thread reads. Reads taken while sends are
 * being acknowledged are each exact but not a snapshot of one instant.
 */
public final class GeneratorTally {

    private final LongAdder[] counts = newAdders();
    private final LongAdder[] cents = newAdders();

    public void add(PaymentMessage m) {
        int i = Group.of(m.type(), m.failed()).index();
        counts[i].increment();
        cents[i].add(m.amountCents());
    }

    public long count(Group g) {
        return counts[g.index()].sum();
    }

    public long sumCents(Group g) {
        return cents[g.index()].sum();
    }

    public long total() {
        long total = 0;
        for (LongAdder c : counts) {
            total += c.sum();
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("GeneratorTally{");
        for (Group g : Group.ALL) {
            b.append(g.key()).append('=').append(count(g)).append('/')
                    .append(Money.format(sumCents(g))).append(' ');
        }
        return b.append("total=").append(total()).append('}').toString();
    }

    private static LongAdder[] newAdders() {
        LongAdder[] a = new LongAdder[Group.ALL.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}

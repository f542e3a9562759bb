package io.paypulse.process.alert;

import io.paypulse.alert.WindowSummary;
import io.paypulse.event.Group;
import io.paypulse.event.PaymentType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;

/**
 * A model of the generator, to tune and check the default rules without Kafka: events at a rate,
 * 10% refunds, 10% of each type failing, $10–$1000, 10,000 users; scenarios change the mix from a
 * given second. The real generator is checked end to end elsewhere; this is the same arithmetic.
 */
final class Traffic {

    /**
     * The mix at one moment.
     *
     * @param rate                events per second (0: the generator is stopped)
     * @param refundShare         fraction of events that are refunds
     * @param paymentFailure      fraction of payments that fail
     * @param refundFailure       fraction of refunds that fail
     * @param cardTestingPerMinute extra failed payments of one user ({@link #CARD_TESTER}) per minute
     */
    record Mix(double rate, double refundShare, double paymentFailure, double refundFailure,
            int cardTestingPerMinute) {

        static Mix normal(double rate) {
            return new Mix(rate, 0.1, 0.1, 0.1, 0);
        }
    }

    static final String CARD_TESTER = "user_999999";

    private static final String[] USERS = new String[10_000];

    static {
        for (int i = 0; i < USERS.length; i++) {
            USERS[i] = String.format("user_%06d", i + 1);
        }
    }

    private final SplittableRandom random;
    private Instant lastEventAt;

    Traffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** When the last generated event happened; null before the first. */
    Instant lastEventAt() {
        return lastEventAt;
    }

    /**
     * The final totals of window {@code minute}, with the mix given per second since {@link Fixtures#T0},
     * generating only events at or after {@code fromSecond} (a generator started mid-window).
     */
    WindowSummary window(int minute, double fromSecond, DoubleFunction<Mix> mix) {
        long[] counts = new long[4];
        long[] sums = new long[4];
        Map<String, Long> failedByUser = new HashMap<>();
        double t = Math.max(minute * 60.0, fromSecond);
        double end = (minute + 1) * 60.0;
        double nextCardTest = Double.NaN;
        while (t < end) {
            Mix m = mix.apply(t);
            if (m.rate() <= 0) {
                t += 1;
                continue;
            }
            boolean refund = random.nextDouble() < m.refundShare();
            boolean failed = random.nextDouble() < (refund ? m.refundFailure() : m.paymentFailure());
            Group g = Group.of(refund ? PaymentType.REFUND : PaymentType.PAYMENT, failed);
            counts[g.index()]++;
            sums[g.index()] += 1000 + random.nextLong(99_001);
            String user = USERS[random.nextInt(USERS.length)];
            if (failed && !refund) {
                failedByUser.merge(user, 1L, Long::sum);
            }
            lastEventAt = Fixtures.T0.plusNanos((long) (t * 1e9));
            if (m.cardTestingPerMinute() > 0) {
                double every = 60.0 / m.cardTestingPerMinute();
                if (Double.isNaN(nextCardTest)) {
                    nextCardTest = t;
                }
                while (nextCardTest <= t) {
                    Group failedPayment = Group.of(PaymentType.PAYMENT, true);
                    counts[failedPayment.index()]++;
                    sums[failedPayment.index()] += 100;
                    failedByUser.merge(CARD_TESTER, 1L, Long::sum);
                    nextCardTest += every;
                }
            }
            t += 1.0 / m.rate();
        }
        return new WindowSummary(Fixtures.start(minute), Fixtures.end(minute), counts, sums, failedByUser);
    }
}

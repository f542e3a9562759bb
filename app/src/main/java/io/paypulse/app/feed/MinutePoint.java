package io.paypulse.app.feed;

import java.time.Instant;

/**
 * Totals of one 1-minute window as the app last saw them; {@code complete} once the processor has
 * published the window's final values.
 */
public record MinutePoint(
        Instant start,
        long paymentsOk,
        long paymentsFailed,
        long refundsOk,
        long refundsFailed,
        long amountCents,
        boolean complete) {

    public long events() {
        return paymentsOk + paymentsFailed + refundsOk + refundsFailed;
    }

    /** Percent of payments that failed, or NaN with no payments. */
    public double paymentFailureRate() {
        return rate(paymentsFailed, paymentsOk + paymentsFailed);
    }

    /** Percent of refunds that failed, or NaN with no refunds. */
    public double refundFailureRate() {
        return rate(refundsFailed, refundsOk + refundsFailed);
    }

    private static double rate(long failed, long all) {
        return all == 0 ? Double.NaN : 100.0 * failed / all;
    }
}

package io.paypulse.app.dashboard;

import io.paypulse.app.feed.MinuteSeries;

/**
 * The lines of the four minute charts. {@link #key()} is what {@code setOnMinuteOpened} listeners get:
 * a group key as on the aggregate topic ({@code Payment/failed}) for the count series, and
 * {@code Payment/failure-rate}, {@code Refund/failure-rate}, {@code Amount} for the others.
 */
public enum ChartSeries {
    PAYMENTS_OK("Payment/ok", "Successful", true),
    PAYMENTS_FAILED("Payment/failed", "Failed", true),
    REFUNDS_OK("Refund/ok", "Processed", true),
    REFUNDS_FAILED("Refund/failed", "Failed", true),
    PAYMENT_FAILURE_RATE("Payment/failure-rate", "Payments", false),
    REFUND_FAILURE_RATE("Refund/failure-rate", "Refunds", false),
    AMOUNT("Amount", "Amount", true);

    private final String key;
    private final String label;
    private final boolean perMinute;

    ChartSeries(String key, String label, boolean perMinute) {
        this.key = key;
        this.label = label;
        this.perMinute = perMinute;
    }

    public String key() {
        return key;
    }

    /** The legend text. */
    public String label() {
        return label;
    }

    /**
     * True for totals of a minute (counts, amount): a partial minute's value is scaled to a whole minute.
     * A rate is a ratio and is drawn as it is.
     */
    boolean perMinute() {
        return perMinute;
    }

    /** The value of minute {@code i}; NaN when the minute has none (a rate without payments). */
    double value(MinuteSeries m, int i) {
        return switch (this) {
            case PAYMENTS_OK -> m.count(0, i);
            case PAYMENTS_FAILED -> m.count(1, i);
            case REFUNDS_OK -> m.count(2, i);
            case REFUNDS_FAILED -> m.count(3, i);
            case PAYMENT_FAILURE_RATE -> rate(m.count(1, i), m.count(0, i) + m.count(1, i));
            case REFUND_FAILURE_RATE -> rate(m.count(3, i), m.count(2, i) + m.count(3, i));
            case AMOUNT -> m.amountCents(i) / 100.0;
        };
    }

    private static double rate(long failed, long all) {
        return all == 0 ? Double.NaN : 100.0 * failed / all;
    }
}

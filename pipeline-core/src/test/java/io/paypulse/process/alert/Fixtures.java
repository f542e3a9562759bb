package io.paypulse.process.alert;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.AnomalyRule;
import io.paypulse.alert.NoDataRule;
import io.paypulse.alert.Selector;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.alert.VelocityRule;
import io.paypulse.alert.WindowSummary;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Windows and rules for the engine tests, built directly (the rules file has its own tests). */
final class Fixtures {

    /** Start of window 0. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private Fixtures() {
    }

    static Instant start(int minute) {
        return T0.plus(minute, ChronoUnit.MINUTES);
    }

    static Instant end(int minute) {
        return start(minute + 1);
    }

    /** Window {@code minute} with these counts; every event is $10.00. */
    static WindowSummary window(int minute, long paymentsOk, long paymentsFailed, long refundsOk, long refundsFailed) {
        long[] counts = {paymentsOk, paymentsFailed, refundsOk, refundsFailed};
        long[] sums = new long[4];
        for (int i = 0; i < 4; i++) {
            sums[i] = counts[i] * 1000;
        }
        return new WindowSummary(start(minute), end(minute), counts, sums, Map.of());
    }

    /** Window {@code minute} with {@code payments} payments of which {@code failedPercent}% failed, no refunds. */
    static WindowSummary paymentFailures(int minute, int payments, int failedPercent) {
        long failed = (long) payments * failedPercent / 100;
        return window(minute, payments - failed, failed, 0, 0);
    }

    static WindowSummary failedPaymentsByUser(int minute, Map<String, Long> users) {
        long failed = users.values().stream().mapToLong(Long::longValue).sum();
        return new WindowSummary(start(minute), end(minute), new long[] {0, failed, 0, 0}, new long[4], users);
    }

    static ThresholdRule failureRate(double threshold, double recovery, int forWindows, long minEvents) {
        return new ThresholdRule("payment-failures", Severity.WARNING, "", true, ThresholdRule.Metric.FAILURE_RATE,
                new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), ThresholdRule.Operator.ABOVE, threshold,
                recovery, forWindows, minEvents);
    }

    static ThresholdRule paymentCountBelow(double threshold, double recovery) {
        return new ThresholdRule("few-payments", Severity.WARNING, "", true, ThresholdRule.Metric.COUNT,
                new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), ThresholdRule.Operator.BELOW, threshold,
                recovery, 1, 0);
    }

    static AnomalyRule paymentCountAnomaly(double k, int windows, int minHistory, double minBandPct) {
        return new AnomalyRule("payment-volume", Severity.WARNING, "", true, ThresholdRule.Metric.COUNT,
                new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), k, windows, minHistory, minBandPct, 1);
    }

    static VelocityRule cardTesting(long threshold) {
        return new VelocityRule("card-testing", Severity.CRITICAL, "", true, threshold, 0);
    }

    static NoDataRule noData(int seconds) {
        return new NoDataRule("no-data", Severity.CRITICAL, "", true, Duration.ofSeconds(seconds));
    }

    static AlertEngine engine(AlertRule... rules) {
        return new AlertEngine(List.of(rules), AlertEngineState.empty());
    }

    /** Feeds windows in order and returns every update. */
    static List<Alert> feed(AlertEngine engine, WindowSummary... windows) {
        List<Alert> all = new ArrayList<>();
        for (WindowSummary w : windows) {
            all.addAll(engine.onFinalWindow(w));
        }
        return all;
    }

    /** One letter per update: F firing, R resolved. */
    static String states(List<Alert> alerts) {
        StringBuilder b = new StringBuilder();
        for (Alert a : alerts) {
            b.append(a.state() == AlertState.FIRING ? 'F' : 'R');
        }
        return b.toString();
    }
}

package io.paypulse.app.dashboard;

import io.paypulse.app.connection.GeneratorControl;
import io.paypulse.app.connection.Session;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.generate.Scenario;
import io.paypulse.health.LagReport;
import io.paypulse.health.LagText;
import io.paypulse.process.alert.AlertRule;
import io.paypulse.process.alert.Selector;
import io.paypulse.process.alert.ThresholdRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * State of the dashboard: KPI texts, the chart frame and the generator controls. Fed one
 * {@link FeedSnapshot} per tick on the FX thread via {@link #render}; never touches a Node.
 */
public final class DashboardViewModel {

    public static final int RANGE_MINUTES = 60;
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    static final Duration HISTORY_STEP = Duration.ofSeconds(2);
    static final int HISTORY_POINTS = 150; // 5 minutes
    static final String LAG_DETAIL = "records behind on 'payment'";

    private final Clock clock;

    private final ReadOnlyStringWrapper eventsPerSecond = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper eventsTotal = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper failureRateNow = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper firingAlerts = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper processorLag = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper processorLagDetail = new ReadOnlyStringWrapper(LAG_DETAIL);
    private final ReadOnlyStringWrapper dlqCount = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper failureRateHigh = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper alertsFiring = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<DashboardFrame> frame;

    private final DoubleProperty rate = new SimpleDoubleProperty(100);
    private final ReadOnlyStringWrapper scenario = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper generatorAvailable = new ReadOnlyBooleanWrapper();

    private final Deque<long[]> totals = new ArrayDeque<>(); // {epochMillis, total}
    private final Deque<HistoryPoint> history = new ArrayDeque<>();
    private List<Threshold> thresholds = List.of();
    /** A WARNING its CRITICAL inhibits is one incident, not two (the alert feed folds it). */
    private io.paypulse.notify.Inhibition inhibition = io.paypulse.notify.Inhibition.of(List.of());
    private GeneratorControl generator;
    private long lastVersion = -1;
    private double paymentWarnThreshold = Double.NaN;

    public DashboardViewModel(Clock clock) {
        this.clock = clock;
        this.frame = new ReadOnlyObjectWrapper<>(DashboardFrame.empty(clock.instant()));
    }

    /** A session started (or null: stopped). Resets rates and history; keeps the last values shown. */
    public void attach(Session session) {
        totals.clear();
        history.clear();
        lastVersion = -1;
        generator = session == null ? null : session.generator().orElse(null);
        thresholds = session == null ? List.of() : thresholdsOf(session.rules());
        inhibition = io.paypulse.notify.Inhibition.of(session == null ? List.of() : session.rules());
        paymentWarnThreshold = thresholds.stream().filter(t -> t.type() == PaymentType.PAYMENT)
                .mapToDouble(Threshold::percent).min().orElse(Double.NaN);
        generatorAvailable.set(generator != null);
        if (generator != null) {
            generator.setRate(rate.get());
            scenario.set(label(generator.scenario()));
        } else {
            scenario.set("–");
        }
        if (session == null) {
            eventsPerSecond.set("–");
            processorLag.set("–");
            processorLagDetail.set(LAG_DETAIL);
        }
    }

    /** Failure-rate threshold rules, for the lines on the failure-rate chart. */
    static List<Threshold> thresholdsOf(List<AlertRule> rules) {
        List<Threshold> out = new ArrayList<>();
        for (AlertRule r : rules) {
            if (r instanceof ThresholdRule t && t.enabled() && t.metric() == ThresholdRule.Metric.FAILURE_RATE
                    && t.operator() == ThresholdRule.Operator.ABOVE && t.selector().type() != Selector.Type.ANY) {
                PaymentType type = t.selector().type() == Selector.Type.PAYMENT ? PaymentType.PAYMENT : PaymentType.REFUND;
                out.add(new Threshold(t.name(), type, t.severity(), t.threshold()));
            }
        }
        return List.copyOf(out);
    }

    /** One tick: called on the FX thread with the latest snapshot. */
    public void render(FeedSnapshot s) {
        Instant now = s.takenAt();
        double eps = updateRate(now, s.totalEvents());
        eventsPerSecond.set(generator == null && totals.size() < 2 ? "–" : formatRate(eps));
        eventsTotal.set(String.format(Locale.ROOT, "%,d", s.totalEvents()));
        Optional<MinutePoint> open = s.minutes().isEmpty() ? Optional.empty()
                : Optional.of(s.minutes().get(s.minutes().size() - 1));
        double fr = open.map(MinutePoint::paymentFailureRate).orElse(Double.NaN);
        failureRateNow.set(Double.isNaN(fr) ? "–" : String.format(Locale.ROOT, "%.1f %%", fr));
        failureRateHigh.set(!Double.isNaN(fr) && !Double.isNaN(paymentWarnThreshold) && fr > paymentWarnThreshold);
        long firing = s.alerts().stream().filter(a -> a.state() == AlertState.FIRING
                && inhibition.inhibitedBy(a, s.alerts()).isEmpty()).count();
        firingAlerts.set(Long.toString(firing));
        alertsFiring.set(firing > 0);
        long lag = s.probe().processorLag();
        LagReport report = s.probe().lag(); // per partition, when the probe gave one: which one is behind
        processorLag.set(report != null ? LagText.value(report) : lag < 0 ? "–" : String.format(Locale.ROOT, "%,d", lag));
        processorLagDetail.set(report != null ? LagText.detail(report) : LAG_DETAIL);
        dlqCount.set(String.format(Locale.ROOT, "%,d", s.dlqCount()));
        if (generator != null) {
            scenario.set(label(generator.scenario()));
        }
        boolean historyMoved = updateHistory(now, eps, lag);
        if (s.version() != lastVersion || historyMoved || minuteChanged(now)) {
            lastVersion = s.version();
            double upper = Math.floor(now.getEpochSecond() / 60.0) + 1;
            double lower = lowerBound(upper);
            List<MinutePoint> inRange = new ArrayList<>();
            for (MinutePoint p : s.minutes()) {
                double m = p.start().getEpochSecond() / 60.0;
                if (m >= lower && m < upper) {
                    inRange.add(p);
                }
            }
            frame.set(new DashboardFrame(now, lower, upper, List.copyOf(inRange), thresholds, List.copyOf(history)));
        }
    }

    /**
     * At least the last 60 closed minutes, starting on a 10-minute mark so the HH:mm ticks read
     * :00, :10, ... (the range is 61 to 70 minutes wide).
     */
    static double lowerBound(double upper) {
        return Math.floor((upper - RANGE_MINUTES - 1) / 10) * 10;
    }

    private boolean minuteChanged(Instant now) {
        DashboardFrame f = frame.get();
        return Math.floor(now.getEpochSecond() / 60.0) + 1 != f.xUpper();
    }

    private double updateRate(Instant now, long total) {
        long t = now.toEpochMilli();
        if (!totals.isEmpty() && total < totals.peekLast()[1]) {
            totals.clear(); // a new session: counts restart
        }
        totals.addLast(new long[] {t, total});
        while (totals.size() > 2 && t - totals.peekFirst()[0] > RATE_WINDOW.toMillis()) {
            totals.removeFirst();
        }
        long[] first = totals.peekFirst();
        long dt = t - first[0];
        return dt <= 0 ? 0 : (total - first[1]) * 1000.0 / dt;
    }

    private boolean updateHistory(Instant now, double eps, long lag) {
        HistoryPoint last = history.peekLast();
        if (last != null && Duration.between(last.at(), now).compareTo(HISTORY_STEP) < 0) {
            return false;
        }
        history.addLast(new HistoryPoint(now, eps, lag));
        while (history.size() > HISTORY_POINTS) {
            history.removeFirst();
        }
        return true;
    }

    // ---- generator commands ----

    /** Applies the rate to the running generator (no-op when none). */
    public void applyRate(double eventsPerSecond) {
        double r = Math.max(0, eventsPerSecond);
        rate.set(r);
        if (generator != null) {
            generator.setRate(r);
        }
    }

    public void scenario(Scenario s) {
        if (generator != null) {
            generator.switchTo(s);
            scenario.set(label(s));
        }
    }

    static String label(Scenario s) {
        return switch (s) {
            case NORMAL -> "Normal";
            case GATEWAY_OUTAGE -> "Gateway outage";
            case REFUND_SPIKE -> "Refund spike";
            case CARD_TESTING -> "Card testing";
            case QUIET -> "Quiet";
        };
    }

    static String formatRate(double eps) {
        return eps >= 10_000 ? String.format(Locale.ROOT, "%,.0f", eps)
                : String.format(Locale.ROOT, "%,.1f", eps);
    }

    // ---- properties ----

    public ReadOnlyStringProperty eventsPerSecondProperty() {
        return eventsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsTotalProperty() {
        return eventsTotal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureRateNowProperty() {
        return failureRateNow.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failureRateHighProperty() {
        return failureRateHigh.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty firingAlertsProperty() {
        return firingAlerts.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alertsFiringProperty() {
        return alertsFiring.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processorLagProperty() {
        return processorLag.getReadOnlyProperty();
    }

    /** Which partition is behind, "caught up on all 3 partitions", or why lag is unknown. */
    public ReadOnlyStringProperty processorLagDetailProperty() {
        return processorLagDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dlqCountProperty() {
        return dlqCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DashboardFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** The rate the user chose; applied with {@link #applyRate}. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    public ReadOnlyStringProperty scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty generatorAvailableProperty() {
        return generatorAvailable.getReadOnlyProperty();
    }

}

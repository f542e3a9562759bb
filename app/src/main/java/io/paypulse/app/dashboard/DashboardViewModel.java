package io.paypulse.app.dashboard;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.Selector;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.app.feed.MinuteSeries;
import io.paypulse.app.session.GeneratorControl;
import io.paypulse.app.session.Session;
import io.paypulse.config.Scenario;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.health.LagReport;
import io.paypulse.health.LagText;
import io.paypulse.notify.Inhibition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The range the charts open with. */
    public static final TimeRange DEFAULT_RANGE = TimeRange.HOUR_1;
    /** The open minute is drawn once this much of it has passed (earlier, a projection is mostly noise). */
    static final double OPEN_MINUTE_MIN_SECONDS = 10;
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
    private Inhibition inhibition = Inhibition.of(List.of());
    private GeneratorControl generator;
    private long lastVersion = -1;
    private double paymentWarnThreshold = Double.NaN;

    private ChartWindow window;
    private final ReadOnlyObjectWrapper<TimeRange> range = new ReadOnlyObjectWrapper<>(DEFAULT_RANGE);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(true);
    private int columns = 400;
    private FeedSnapshot last;

    public DashboardViewModel(Clock clock) {
        this.clock = clock;
        this.frame = new ReadOnlyObjectWrapper<>(DashboardFrame.empty(clock.instant()));
        this.window = ChartWindow.live(DEFAULT_RANGE.minutes(), minuteOf(clock.instant()));
    }

    /** A session started (or null: stopped). Resets rates and history; keeps the last values shown. */
    public void attach(Session session) {
        totals.clear();
        history.clear();
        lastVersion = -1;
        generator = session == null ? null : session.generator().orElse(null);
        thresholds = session == null ? List.of() : thresholdsOf(session.rules());
        inhibition = Inhibition.of(session == null ? List.of() : session.rules());
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
        ChartWindow followed = window.follow(minuteOf(now));
        if (s.version() != lastVersion || historyMoved || !followed.equals(window) || minuteChanged(now)) {
            lastVersion = s.version();
            window = followed;
            last = s;
            redraw(now);
        }
        last = s;
    }

    /** The open minute moved on, or passed the point from which it is drawn. */
    private boolean minuteChanged(Instant now) {
        DashboardFrame f = frame.get();
        long a = Math.floorDiv(f.now().getEpochSecond(), 60);
        long b = Math.floorDiv(now.getEpochSecond(), 60);
        return a != b || (secondsInto(f.now()) < OPEN_MINUTE_MIN_SECONDS) != (secondsInto(now) < OPEN_MINUTE_MIN_SECONDS);
    }

    // ---- range, zoom and pan ----

    /** Shows the last {@code r} and follows now. */
    public void selectRange(TimeRange r) {
        window = ChartWindow.live(r.minutes(), minuteOf(clock.instant()));
        redraw(clock.instant());
    }

    /** Back to now, following, at the current width. */
    public void goLive() {
        window = ChartWindow.live(window.span(), minuteOf(clock.instant()));
        redraw(clock.instant());
    }

    /**
     * Zooms by {@code factor} (< 1 in) around {@code anchorMinute} (the minute under the mouse); a live
     * range stays live with its right edge at now.
     */
    public void zoom(double factor, double anchorMinute) {
        window = window.zoom(factor, anchorMinute, minuteOf(clock.instant()));
        redraw(clock.instant());
    }

    /** Zoom around the middle of the range (keyboard + and -). */
    public void zoomCentered(double factor) {
        zoom(factor, (window.lower() + window.upper()) / 2);
    }

    /** Moves the range by {@code minutes} (negative: back in time); stops following now. */
    public void pan(double minutes) {
        window = window.pan(minutes, minuteOf(clock.instant()));
        redraw(clock.instant());
    }

    /** Moves the range by a fraction of its width (keyboard arrows: a quarter). */
    public void panBy(double fractionOfSpan) {
        pan(window.span() * fractionOfSpan);
    }

    /** How many decimation columns the charts' plot width has (each keeps at most its min and max). */
    public void setColumns(int count) {
        int c = Math.max(10, count);
        if (c != columns) {
            columns = c;
            redraw(clock.instant());
        }
    }

    public ChartWindow window() {
        return window;
    }

    /** The series whose value at {@code minute} is nearest {@code y}, among {@code candidates} with a value there. */
    public Optional<ChartSeries> nearest(List<ChartSeries> candidates, long minute, double y) {
        MinuteSeries m = last == null ? MinuteSeries.EMPTY : last.history();
        int i = m.indexAtOrAfter(minute);
        if (i >= m.size() || m.minute(i) != minute) {
            return Optional.empty();
        }
        ChartSeries best = null;
        double bestDistance = Double.MAX_VALUE;
        for (ChartSeries s : candidates) {
            double v = s.value(m, i);
            if (!Double.isNaN(v) && Math.abs(v - y) < bestDistance) {
                bestDistance = Math.abs(v - y);
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    private void redraw(Instant now) {
        range.set(TimeRange.ofSpan(window.span()));
        live.set(window.live());
        MinuteSeries m = last == null ? MinuteSeries.EMPTY : last.history();
        Map<ChartSeries, SeriesLine> lines = new EnumMap<>(ChartSeries.class);
        LineBuilder b = new LineBuilder(m, window, now, columns);
        for (ChartSeries s : ChartSeries.values()) {
            lines.put(s, b.line(s));
        }
        frame.set(new DashboardFrame(now, window.lower(), window.upper(), window.live(), range.get(),
                Collections.unmodifiableMap(lines), thresholds, List.copyOf(history),
                last == null ? null : last.historyNote()));
    }

    static double minuteOf(Instant t) {
        return t.getEpochSecond() / 60.0 + t.getNano() / 60e9;
    }

    static double secondsInto(Instant t) {
        return Math.floorMod(t.getEpochSecond(), 60) + t.getNano() / 1e9;
    }

    /**
     * Builds the lines of one frame: the minutes in the range plus one on each side (so lines reach the
     * edges), decimated per pixel column; the open minute last, scaled to a whole minute.
     */
    private static final class LineBuilder {
        private final MinuteSeries m;
        private final ChartWindow w;
        private final int columns;
        private final int from;
        private final int closedEnd;
        private final int open;
        private final double scale;
        private final double[] xs;
        private final double[] ys;

        LineBuilder(MinuteSeries m, ChartWindow w, Instant now, int columns) {
            this.m = m;
            this.w = w;
            this.columns = columns;
            int lo = Math.max(0, m.indexAtOrAfter((long) Math.floor(w.lower())) - 1);
            int hi = Math.min(m.size(), m.indexAtOrAfter((long) Math.ceil(w.upper())) + 1);
            long openMinute = Math.floorDiv(now.getEpochSecond(), 60);
            int o = hi > lo && m.minute(hi - 1) == openMinute && !m.complete(hi - 1) ? hi - 1 : -1;
            double into = secondsInto(now);
            this.from = lo;
            this.closedEnd = o >= 0 ? o : hi;
            this.open = o >= 0 && into >= OPEN_MINUTE_MIN_SECONDS ? o : -1;
            this.scale = 60.0 / Math.max(into, OPEN_MINUTE_MIN_SECONDS);
            int n = Math.max(0, closedEnd - from);
            xs = new double[n];
            ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = m.minute(from + i) + 0.5; // plotted at the middle of its minute
            }
        }

        SeriesLine line(ChartSeries s) {
            int n = xs.length;
            for (int i = 0; i < n; i++) {
                ys[i] = s.value(m, from + i);
            }
            int cap = Math.min(n, 2 * (columns + 2)) + 1;
            double[] outX = new double[cap];
            double[] outY = new double[cap];
            int k = Decimator.minMax(xs, ys, 0, n, w.lower(), w.upper(), columns, outX, outY);
            boolean drawnOpen = false;
            if (open >= 0) {
                double v = s.value(m, open);
                if (!Double.isNaN(v)) {
                    outX[k] = m.minute(open) + 0.5;
                    outY[k++] = s.perMinute() ? v * scale : v;
                    drawnOpen = true;
                }
            }
            double max = 0;
            for (int i = 0; i < k; i++) {
                if (outX[i] >= w.lower() && outX[i] <= w.upper()) {
                    max = Math.max(max, outY[i]);
                }
            }
            return new SeriesLine(outX, outY, k, drawnOpen, max);
        }
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

    /** The preset the range matches, or null after a zoom. */
    public ReadOnlyObjectProperty<TimeRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** True while the range ends at the open minute and follows it. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
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

package io.paypulse.app.dashboard;

import io.paypulse.app.fx.Numbers;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.Scenario;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Renders {@link DashboardViewModel}: KPI tiles bound to its texts, and the charts redrawn from
 * each {@link DashboardFrame} (fixed-size series, no animation, no symbols, axis bounds ours).
 */
public final class DashboardController {


    static final double PIXELS_PER_COLUMN = 2;

    /** Series with at most this many points get a dot per point. */
    private static final int SPARSE = 3;

    private final DashboardViewModel vm;

    @FXML private Label epsValue;
    @FXML private Label totalValue;
    @FXML private Label failureValue;
    @FXML private Label alertsValue;
    @FXML private Label lagValue;
    @FXML private Label lagDetail;
    @FXML private Label dlqValue;
    @FXML private VBox failureTile;
    @FXML private VBox alertsTile;
    @FXML private LineChart<Number, Number> paymentsChart;
    @FXML private LineChart<Number, Number> refundsChart;
    @FXML private LineChart<Number, Number> failureChart;
    @FXML private AreaChart<Number, Number> amountChart;
    @FXML private LineChart<Number, Number> historyChart;
    @FXML private TimeAxis paymentsX;
    @FXML private NumberAxis paymentsY;
    @FXML private TimeAxis refundsX;
    @FXML private NumberAxis refundsY;
    @FXML private TimeAxis failureX;
    @FXML private NumberAxis failureY;
    @FXML private TimeAxis amountX;
    @FXML private NumberAxis amountY;
    @FXML private NumberAxis historyX;
    @FXML private NumberAxis historyY;
    @FXML private Spinner<Double> rateSpinner;
    @FXML private Slider rateSlider;
    @FXML private Label scenarioLabel;
    @FXML private GridPane scenarioButtons;
    @FXML private Label generatorHint;
    @FXML private Button outageButton;
    @FXML private BorderPane root;
    @FXML private ToggleButton range15m;
    @FXML private ToggleButton range1h;
    @FXML private ToggleButton range6h;
    @FXML private ToggleButton range24h;
    @FXML private ToggleButton range7d;
    @FXML private Button liveButton;
    @FXML private Label rangeLabel;
    @FXML private Label historyLabel;

    private final Map<ChartSeries, XYChart.Series<Number, Number>> lines = new EnumMap<>(ChartSeries.class);
    private final List<XYChart.Series<Number, Number>> thresholdLines = new ArrayList<>();
    private final RangeControls rangeControls;
    private BiConsumer<String, Instant> onMinuteOpened = (series, minute) -> { };
    private final XYChart.Series<Number, Number> throughput = series("events/s");
    private final XYChart.Series<Number, Number> lag = series("lag (records)");
    private List<Threshold> drawnThresholds = List.of();
    private List<Double> thresholdLevels = List.of();
    private boolean updatingRate;

    public DashboardController(DashboardViewModel vm) {
        this.vm = vm;
        for (ChartSeries c : ChartSeries.values()) {
            lines.put(c, series(c.label()));
        }
        this.rangeControls = new RangeControls(vm);
    }

    /**
     * Called on the FX thread when the user double-clicks a chart point: the series' {@link ChartSeries#key()}
     * (e.g. {@code Payment/failed}) and the start of that minute. Nothing is called for a minute without data.
     */
    public void setOnMinuteOpened(BiConsumer<String, Instant> listener) {
        this.onMinuteOpened = listener == null ? (series, minute) -> { } : listener;
    }

    @FXML
    private void initialize() {
        epsValue.textProperty().bind(vm.eventsPerSecondProperty());
        totalValue.textProperty().bind(vm.eventsTotalProperty());
        failureValue.textProperty().bind(vm.failureRateNowProperty());
        alertsValue.textProperty().bind(vm.firingAlertsProperty());
        lagValue.textProperty().bind(vm.processorLagProperty());
        lagDetail.textProperty().bind(vm.processorLagDetailProperty());
        lagDetail.setTooltip(new Tooltip()); // the whole sentence when the tile cuts it
        lagDetail.getTooltip().textProperty().bind(vm.processorLagDetailProperty());
        dlqValue.textProperty().bind(vm.dlqCountProperty());
        vm.failureRateHighProperty().addListener((o, a, high) -> toggle(failureTile, "kpi-danger", high));
        vm.alertsFiringProperty().addListener((o, a, firing) -> toggle(alertsTile, "kpi-danger", firing));

        paymentsChart.getData().setAll(List.of(lines.get(ChartSeries.PAYMENTS_OK), lines.get(ChartSeries.PAYMENTS_FAILED)));
        refundsChart.getData().setAll(List.of(lines.get(ChartSeries.REFUNDS_OK), lines.get(ChartSeries.REFUNDS_FAILED)));
        failureChart.getData().setAll(List.of(lines.get(ChartSeries.PAYMENT_FAILURE_RATE),
                lines.get(ChartSeries.REFUND_FAILURE_RATE)));
        amountChart.getData().setAll(List.of(lines.get(ChartSeries.AMOUNT)));
        historyChart.getData().setAll(List.of(throughput, lag));
        for (LineChart<Number, Number> c : List.of(paymentsChart, refundsChart, failureChart)) {
            c.setAxisSortingPolicy(LineChart.SortingPolicy.NONE); // the lines come in time order: no sort per layout
        }
        rangeControls.bind(Map.of(TimeRange.MINUTES_15, range15m, TimeRange.HOUR_1, range1h,
                TimeRange.HOURS_6, range6h, TimeRange.HOURS_24, range24h, TimeRange.DAYS_7, range7d), liveButton);
        rangeControls.attach(paymentsChart, paymentsX, paymentsY, List.of(ChartSeries.PAYMENTS_OK, ChartSeries.PAYMENTS_FAILED),
                this::minuteOpened);
        rangeControls.attach(refundsChart, refundsX, refundsY, List.of(ChartSeries.REFUNDS_OK, ChartSeries.REFUNDS_FAILED),
                this::minuteOpened);
        rangeControls.attach(failureChart, failureX, failureY,
                List.of(ChartSeries.PAYMENT_FAILURE_RATE, ChartSeries.REFUND_FAILURE_RATE), this::minuteOpened);
        rangeControls.attach(amountChart, amountX, amountY, List.of(ChartSeries.AMOUNT), this::minuteOpened);
        rangeControls.keys(root);
        // One decimation column per PIXELS_PER_COLUMN pixels: min and max of each, so at most one point per
        // pixel. bench-ui at 7 days: 1-pixel columns (~5,700 points) made the chart layout pulses 2x the baseline's.
        paymentsX.widthProperty().addListener((o, a, w) ->
                vm.setColumns((int) Math.round(w.doubleValue() / PIXELS_PER_COLUMN)));
        historyX.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number s) {
                return s.intValue() == 0 ? "now" : (s.intValue() / 60) + " min";
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        amountY.setTickLabelFormatter(compact());
        paymentsY.setTickLabelFormatter(compact());
        historyY.setTickLabelFormatter(compact());

        setupGenerator();
        vm.frameProperty().addListener((o, a, f) -> draw(f));
        draw(vm.frameProperty().get());
    }

    private void setupGenerator() {
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(GeneratorSettings.RATE.min(),
                        GeneratorSettings.RATE.max(), vm.rateProperty().get(), 10); // the rate's one range
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : String.format(Locale.ROOT, "%.0f", d);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Math.max(0, Double.parseDouble(s.trim().replace(",", "")));
                } catch (NumberFormatException e) {
                    return vm.rateProperty().get();
                }
            }
        });
        rateSpinner.setValueFactory(f);
        rateSlider.setMin(RateScale.MIN); // the spinner's range (GeneratorSettings.RATE), on a log scale
        rateSlider.setMax(RateScale.MAX);
        rateSlider.setValue(RateScale.position(vm.rateProperty().get()));
        rateSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return RateScale.label(v);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        rateSlider.setShowTickLabels(true);
        f.valueProperty().addListener((o, a, v) -> {
            if (!updatingRate && v != null) {
                vm.applyRate(v);
            }
        });
        rateSlider.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                vm.applyRate(RateScale.rate(rateSlider.getValue()));
            }
        });
        rateSlider.setOnMouseReleased(e -> vm.applyRate(RateScale.rate(rateSlider.getValue())));
        vm.rateProperty().addListener((o, a, r) -> {
            updatingRate = true;
            try {
                f.setValue(r.doubleValue());
                if (!rateSlider.isValueChanging()) {
                    rateSlider.setValue(RateScale.position(r.doubleValue()));
                }
            } finally {
                updatingRate = false;
            }
        });
        scenarioLabel.textProperty().bind(vm.scenarioProperty());
        scenarioButtons.disableProperty().bind(vm.generatorAvailableProperty().not());
        generatorHint.visibleProperty().bind(vm.generatorAvailableProperty().not());
        generatorHint.managedProperty().bind(generatorHint.visibleProperty());
    }

    private void minuteOpened(ChartSeries series, Instant minute) {
        onMinuteOpened.accept(series.key(), minute);
    }

    private void draw(DashboardFrame f) {
        for (TimeAxis x : List.of(paymentsX, refundsX, failureX, amountX)) {
            x.setLowerBound(f.xLower());
            x.setUpperBound(f.xUpper());
        }
        rangeLabel.setText(RangeControls.describe(f.xLower(), f.xUpper(), f.live()));
        historyLabel.setText(f.historyNote() == null ? "" : f.historyNote());
        for (ChartSeries c : ChartSeries.values()) {
            setPoints(lines.get(c), f.line(c));
        }
        bound(paymentsY, Math.max(f.line(ChartSeries.PAYMENTS_OK).max(), f.line(ChartSeries.PAYMENTS_FAILED).max()));
        bound(refundsY, Math.max(f.line(ChartSeries.REFUNDS_OK).max(), f.line(ChartSeries.REFUNDS_FAILED).max()));
        bound(amountY, f.line(ChartSeries.AMOUNT).max());
        double rateMax = Math.max(Math.max(f.line(ChartSeries.PAYMENT_FAILURE_RATE).max(),
                        f.line(ChartSeries.REFUND_FAILURE_RATE).max()),
                f.thresholds().stream().mapToDouble(Threshold::percent).max().orElse(0));
        failureY.setLowerBound(0);
        failureY.setUpperBound(rateMax > 60 ? 100 : 60);
        failureY.setTickUnit(rateMax > 60 ? 20 : 10);
        drawThresholds(f);

        List<XYChart.Data<Number, Number>> eps = new ArrayList<>();
        List<XYChart.Data<Number, Number>> lags = new ArrayList<>();
        double hmax = 0;
        for (HistoryPoint h : f.history()) {
            double ago = (h.at().toEpochMilli() - f.now().toEpochMilli()) / 1000.0;
            eps.add(new XYChart.Data<>(ago, h.eventsPerSecond()));
            hmax = Math.max(hmax, h.eventsPerSecond());
            if (h.lag() >= 0) {
                lags.add(new XYChart.Data<>(ago, h.lag()));
                hmax = Math.max(hmax, h.lag());
            }
        }
        throughput.getData().setAll(eps);
        lag.getData().setAll(lags);
        bound(historyY, hmax);
    }

    /**
     * One dashed line per distinct threshold level (the shipped rules put payment-critical and
     * refund-warning both at 40 %), coloured by the most severe rule at that level.
     */
    private void drawThresholds(DashboardFrame f) {
        if (!f.thresholds().equals(drawnThresholds)) {
            failureChart.getData().removeAll(thresholdLines);
            thresholdLines.clear();
            TreeMap<Double, Severity> levels = new TreeMap<>();
            for (Threshold t : f.thresholds()) {
                levels.merge(t.percent(), t.severity(), (a, b) -> a == Severity.CRITICAL ? a : b);
            }
            levels.forEach((pct, sev) -> thresholdLines.add(series("Alert at "
                    + Numbers.plain(pct) + " %")));
            failureChart.getData().addAll(thresholdLines);
            int i = 0;
            for (Severity sev : levels.values()) {
                thresholdLines.get(i++).getNode().getStyleClass().addAll("threshold-line",
                        sev == Severity.CRITICAL ? "threshold-critical" : "threshold-warning");
            }
            thresholdLevels = List.copyOf(levels.keySet());
            drawnThresholds = f.thresholds();
        }
        for (int i = 0; i < thresholdLines.size(); i++) {
            double pct = thresholdLevels.get(i);
            thresholdLines.get(i).getData().setAll(List.of(new XYChart.Data<>(f.xLower(), pct),
                    new XYChart.Data<>(f.xUpper(), pct)));
        }
    }

    /**
     * Makes the series show the line's points. The open minute (last point, scaled to a whole minute) gets
     * a hollow ring so it reads as "so far", not as a final value; while a line has at most {@link #SPARSE}
     * points each gets a dot (a line needs two points).
     *
     * <p>A week is ~800 points per line redrawn every tick: existing points are updated in place (only the
     * values that changed) and only the tail is added or removed, so a tick neither allocates thousands of
     * {@code XYChart.Data} nor makes the chart re-process its whole list (bench-ui: tick p50 29 ms before).
     */
    private static void setPoints(XYChart.Series<Number, Number> s, SeriesLine line) {
        ObservableList<XYChart.Data<Number, Number>> cur = s.getData();
        int closed = line.open() ? line.size() - 1 : line.size();
        boolean decorated = !cur.isEmpty() && cur.get(cur.size() - 1).getNode() != null;
        if (line.size() <= SPARSE || cur.size() <= SPARSE || decorated) {
            // Nodes are only picked up when a point is added: drop the decorated tail (or all, when sparse).
            int keep = line.size() <= SPARSE || cur.size() <= SPARSE ? 0 : cur.size() - 1;
            if (keep < cur.size()) {
                cur.remove(keep, cur.size());
            }
        }
        if (cur.size() > closed) {
            cur.remove(closed, cur.size());
        }
        for (int i = 0; i < cur.size(); i++) {
            XYChart.Data<Number, Number> d = cur.get(i);
            if (d.getXValue().doubleValue() != line.x()[i]) {
                d.setXValue(line.x()[i]);
            }
            if (d.getYValue().doubleValue() != line.y()[i]) {
                d.setYValue(line.y()[i]);
            }
        }
        List<XYChart.Data<Number, Number>> added = new ArrayList<>(Math.max(0, line.size() - cur.size()));
        for (int i = cur.size(); i < line.size(); i++) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(line.x()[i], line.y()[i]);
            if (line.size() <= SPARSE) {
                StackPane dot = new StackPane();
                dot.getStyleClass().add("sparse-point");
                d.setNode(dot);
            }
            if (line.open() && i == line.size() - 1) {
                StackPane ring = new StackPane();
                ring.getStyleClass().add("open-minute");
                // Sized here, not only by CSS: a point added while the charts are laid out (a resize
                // redraws) would otherwise be sized 0 x 0 before its style applies, and not show.
                ring.setPrefSize(11, 11);
                Tooltip.install(ring, new Tooltip("This minute so far, scaled to a whole minute; final when it closes"));
                d.setNode(ring);
            }
            added.add(d);
        }
        if (!added.isEmpty()) {
            cur.addAll(added);
        }
    }

    /** Y axis 0 .. a round number above max, five ticks. */
    static void bound(NumberAxis axis, double max) {
        double upper = niceUpper(max * 1.1);
        axis.setLowerBound(0);
        axis.setUpperBound(upper);
        axis.setTickUnit(upper / 5);
    }

    static double niceUpper(double v) {
        if (v <= 10) {
            return 10;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static StringConverter<Number> compact() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                if (Math.abs(v) >= 1_000_000) {
                    return trim(v / 1_000_000) + "M";
                }
                if (Math.abs(v) >= 1_000) {
                    return trim(v / 1_000) + "k";
                }
                return trim(v);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        };
    }

    private static String trim(double v) {
        return Numbers.plain(Math.round(v * 10) / 10.0);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static void toggle(Node n, String cls, boolean on) {
        if (on && !n.getStyleClass().contains(cls)) {
            n.getStyleClass().add(cls);
        } else if (!on) {
            n.getStyleClass().remove(cls);
        }
    }

    @FXML
    private void onLive() {
        vm.goLive();
    }

    @FXML
    private void onOutage() {
        vm.scenario(Scenario.GATEWAY_OUTAGE);
    }

    @FXML
    private void onRefundSpike() {
        vm.scenario(Scenario.REFUND_SPIKE);
    }

    @FXML
    private void onCardTesting() {
        vm.scenario(Scenario.CARD_TESTING);
    }

    @FXML
    private void onQuiet() {
        vm.scenario(Scenario.QUIET);
    }

    @FXML
    private void onNormal() {
        vm.scenario(Scenario.NORMAL);
    }
}

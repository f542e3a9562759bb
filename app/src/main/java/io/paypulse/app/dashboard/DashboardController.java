package io.paypulse.app.dashboard;

import io.paypulse.app.feed.MinutePoint;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.generate.Scenario;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Renders {@link DashboardViewModel}: KPI tiles bound to its texts, and the charts redrawn from
 * each {@link DashboardFrame} (fixed-size series, no animation, no symbols, axis bounds ours).
 */
public final class DashboardController {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

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
    @FXML private NumberAxis paymentsX;
    @FXML private NumberAxis paymentsY;
    @FXML private NumberAxis refundsX;
    @FXML private NumberAxis refundsY;
    @FXML private NumberAxis failureX;
    @FXML private NumberAxis failureY;
    @FXML private NumberAxis amountX;
    @FXML private NumberAxis amountY;
    @FXML private NumberAxis historyX;
    @FXML private NumberAxis historyY;
    @FXML private Spinner<Double> rateSpinner;
    @FXML private Slider rateSlider;
    @FXML private Label scenarioLabel;
    @FXML private javafx.scene.layout.GridPane scenarioButtons;
    @FXML private Label generatorHint;
    @FXML private Button outageButton;

    private final XYChart.Series<Number, Number> paymentsOk = series("Successful");
    private final XYChart.Series<Number, Number> paymentsFailed = series("Failed");
    private final XYChart.Series<Number, Number> refundsOk = series("Processed");
    private final XYChart.Series<Number, Number> refundsFailed = series("Failed");
    private final XYChart.Series<Number, Number> paymentRate = series("Payments");
    private final XYChart.Series<Number, Number> refundRate = series("Refunds");
    private final List<XYChart.Series<Number, Number>> thresholdLines = new ArrayList<>();
    private final XYChart.Series<Number, Number> amount = series("Amount");
    private final XYChart.Series<Number, Number> throughput = series("events/s");
    private final XYChart.Series<Number, Number> lag = series("lag (records)");
    private List<Threshold> drawnThresholds = List.of();
    private List<Double> thresholdLevels = List.of();
    private boolean updatingRate;

    public DashboardController(DashboardViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        epsValue.textProperty().bind(vm.eventsPerSecondProperty());
        totalValue.textProperty().bind(vm.eventsTotalProperty());
        failureValue.textProperty().bind(vm.failureRateNowProperty());
        alertsValue.textProperty().bind(vm.firingAlertsProperty());
        lagValue.textProperty().bind(vm.processorLagProperty());
        lagDetail.textProperty().bind(vm.processorLagDetailProperty());
        lagDetail.setTooltip(new javafx.scene.control.Tooltip()); // the whole sentence when the tile cuts it
        lagDetail.getTooltip().textProperty().bind(vm.processorLagDetailProperty());
        dlqValue.textProperty().bind(vm.dlqCountProperty());
        vm.failureRateHighProperty().addListener((o, a, high) -> toggle(failureTile, "kpi-danger", high));
        vm.alertsFiringProperty().addListener((o, a, firing) -> toggle(alertsTile, "kpi-danger", firing));

        paymentsChart.getData().setAll(List.of(paymentsOk, paymentsFailed));
        refundsChart.getData().setAll(List.of(refundsOk, refundsFailed));
        failureChart.getData().setAll(List.of(paymentRate, refundRate));
        amountChart.getData().setAll(List.of(amount));
        historyChart.getData().setAll(List.of(throughput, lag));
        for (NumberAxis x : List.of(paymentsX, refundsX, failureX, amountX)) {
            x.setTickUnit(10);
            x.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number minutes) {
                    return HH_MM.format(Instant.ofEpochSecond(Math.round(minutes.doubleValue() * 60)));
                }

                @Override
                public Number fromString(String s) {
                    return 0;
                }
            });
        }
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
                new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 100_000, vm.rateProperty().get(), 10);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : String.format(java.util.Locale.ROOT, "%.0f", d);
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
        rateSlider.setValue(Math.log10(Math.max(1, vm.rateProperty().get())));
        rateSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return String.format(java.util.Locale.ROOT, "%,.0f", Math.pow(10, v));
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
                vm.applyRate(Math.round(Math.pow(10, rateSlider.getValue())));
            }
        });
        rateSlider.setOnMouseReleased(e -> vm.applyRate(Math.round(Math.pow(10, rateSlider.getValue()))));
        vm.rateProperty().addListener((o, a, r) -> {
            updatingRate = true;
            try {
                f.setValue(r.doubleValue());
                if (!rateSlider.isValueChanging()) {
                    rateSlider.setValue(Math.log10(Math.max(1, r.doubleValue())));
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

    private void draw(DashboardFrame f) {
        for (NumberAxis x : List.of(paymentsX, refundsX, failureX, amountX)) {
            x.setLowerBound(f.xLower());
            x.setUpperBound(f.xUpper());
        }
        List<MinutePoint> m = f.minutes();
        setPoints(paymentsOk, m, p -> p.paymentsOk());
        setPoints(paymentsFailed, m, p -> p.paymentsFailed());
        setPoints(refundsOk, m, p -> p.refundsOk());
        setPoints(refundsFailed, m, p -> p.refundsFailed());
        setPoints(paymentRate, m, MinutePoint::paymentFailureRate);
        setPoints(refundRate, m, MinutePoint::refundFailureRate);
        setPoints(amount, m, p -> p.amountCents() / 100.0);
        bound(paymentsY, max(m, p -> Math.max(p.paymentsOk(), p.paymentsFailed())));
        bound(refundsY, max(m, p -> Math.max(p.refundsOk(), p.refundsFailed())));
        bound(amountY, max(m, p -> p.amountCents() / 100.0));
        double rateMax = Math.max(max(m, p -> Math.max(nz(p.paymentFailureRate()), nz(p.refundFailureRate()))),
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
            java.util.TreeMap<Double, Severity> levels = new java.util.TreeMap<>();
            for (Threshold t : f.thresholds()) {
                levels.merge(t.percent(), t.severity(), (a, b) -> a == Severity.CRITICAL ? a : b);
            }
            levels.forEach((pct, sev) -> thresholdLines.add(series("Alert at "
                    + io.paypulse.app.alerts.AlertsViewModel.number(pct) + " %")));
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

    private static void setPoints(XYChart.Series<Number, Number> s, List<MinutePoint> m, ToDoubleFunction<MinutePoint> y) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(m.size());
        for (MinutePoint p : m) {
            double v = y.applyAsDouble(p);
            if (!Double.isNaN(v)) {
                // plotted at the middle of its minute
                data.add(new XYChart.Data<>(p.start().getEpochSecond() / 60.0 + 0.5, v));
            }
        }
        if (data.size() <= SPARSE) {
            // A line needs two points: while there are few, show each point as a dot.
            for (XYChart.Data<Number, Number> d : data) {
                javafx.scene.layout.StackPane dot = new javafx.scene.layout.StackPane();
                dot.getStyleClass().add("sparse-point");
                d.setNode(dot);
            }
        }
        s.getData().setAll(data);
    }

    private static double max(List<MinutePoint> m, ToDoubleFunction<MinutePoint> y) {
        double best = 0;
        for (MinutePoint p : m) {
            best = Math.max(best, y.applyAsDouble(p));
        }
        return best;
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
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
        return io.paypulse.app.alerts.AlertsViewModel.number(Math.round(v * 10) / 10.0);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static void toggle(javafx.scene.Node n, String cls, boolean on) {
        if (on && !n.getStyleClass().contains(cls)) {
            n.getStyleClass().add(cls);
        } else if (!on) {
            n.getStyleClass().remove(cls);
        }
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

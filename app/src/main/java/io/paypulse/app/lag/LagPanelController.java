package io.paypulse.app.lag;

import io.paypulse.health.LagText;
import io.paypulse.health.PartitionLagRow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * Renders {@link LagViewModel}: range buttons, the lag history chart (x in epoch seconds, labelled by
 * clock time), the summary sentence and the per-partition table. Binds; holds no state of its own.
 */
public final class LagPanelController {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d").withZone(ZoneId.systemDefault());
    /** Series with at most this many points get a dot per point (a line needs two). */
    private static final int SPARSE = 3;

    private final LagViewModel vm;
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();

    @FXML private ToggleButton unitButton;
    @FXML private Label summaryLabel;
    @FXML private HBox rangeButtons;
    @FXML private LineChart<Number, Number> chart;
    @FXML private NumberAxis xAxis;
    @FXML private NumberAxis yAxis;
    @FXML private TitledPane partitionsPane;
    @FXML private TableView<PartitionLagRow> table;
    @FXML private TableColumn<PartitionLagRow, PartitionLagRow> partitionColumn;
    @FXML private TableColumn<PartitionLagRow, PartitionLagRow> recordsColumn;
    @FXML private TableColumn<PartitionLagRow, PartitionLagRow> ageColumn;
    @FXML private TableColumn<PartitionLagRow, PartitionLagRow> committedColumn;

    public LagPanelController(LagViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        ToggleGroup ranges = new ToggleGroup();
        for (LagRange r : LagRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("lagRange-" + r.name());
            b.setToggleGroup(ranges);
            b.setSelected(r == vm.rangeProperty().get());
            b.setOnAction(e -> {
                b.setSelected(true); // a range is always chosen
                vm.setRange(r);
            });
            rangeButtons.getChildren().add(b);
        }
        unitButton.textProperty().bind(Bindings.when(vm.inSecondsProperty())
                .then("seconds").otherwise("records"));
        unitButton.setOnAction(e -> {
            vm.inSecondsProperty().set(!vm.inSecondsProperty().get());
            draw(vm.frameProperty().get());
        });
        unitButton.setSelected(false);
        unitButton.setTooltip(new Tooltip(
                "The chart's unit: age of the oldest unprocessed record (seconds) or records behind. Click to switch."));

        chart.getData().setAll(List.of(series));
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number s) {
                LagFrame f = vm.frameProperty().get();
                boolean days = f != null && f.range().span().toHours() > 24;
                return (days ? DAY : HH_MM).format(Instant.ofEpochSecond(s.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });

        column(partitionColumn, p -> Integer.toString(p.partition()));
        column(recordsColumn, p -> p.caughtUp() ? "0" : LagText.count(p.records()));
        column(ageColumn, p -> p.caughtUp() ? "caught up" : p.lagMillis() < 0 ? "unknown" : LagText.age(p.lagMillis()));
        column(committedColumn, p -> (p.committed() < 0 ? "none" : LagText.count(p.committed())) + " / "
                + LagText.count(p.end()));
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        vm.frameProperty().addListener((o, a, f) -> draw(f));
        draw(vm.frameProperty().get());
    }

    private void draw(LagFrame f) {
        boolean seconds = vm.inSecondsProperty().get();
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(f.points().size());
        double max = 0;
        for (LagPoint p : f.points()) {
            double y = seconds ? Math.max(0, p.lagMillis()) / 1000.0 : p.records();
            data.add(new XYChart.Data<>(p.atMs() / 1000.0, y));
            max = Math.max(max, y);
        }
        if (data.size() <= SPARSE) {
            for (XYChart.Data<Number, Number> d : data) {
                StackPane dot = new StackPane();
                dot.getStyleClass().add("lag-point");
                d.setNode(dot);
            }
        }
        series.getData().setAll(data);
        double lower = f.fromMs() / 1000.0;
        double upper = f.toMs() / 1000.0;
        xAxis.setLowerBound(lower);
        xAxis.setUpperBound(upper);
        xAxis.setTickUnit((upper - lower) / 3);
        double top = niceUpper(max * 1.1, seconds);
        yAxis.setLowerBound(0);
        yAxis.setUpperBound(top);
        yAxis.setTickUnit(top / 5);
    }

    static double niceUpper(double v, boolean seconds) {
        double floor = seconds ? 5 : 10;
        if (v <= floor) {
            return floor;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static void column(TableColumn<PartitionLagRow, PartitionLagRow> c,
            Function<PartitionLagRow, String> text) {
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PartitionLagRow p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : text.apply(p));
                getStyleClass().remove("lag-behind");
                if (!empty && p != null && !p.caughtUp()) {
                    getStyleClass().add("lag-behind");
                }
            }
        });
    }
}

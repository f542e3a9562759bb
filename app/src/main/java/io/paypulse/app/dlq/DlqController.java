package io.paypulse.app.dlq;

import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.RedrivePlan;
import io.paypulse.topic.Topics;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Dead letters tab: binds {@link DlqViewModel}. Category counts and a per-minute stacked bar chart,
 * the records, the selected record's detail, and the two re-drive buttons, each behind a confirmation
 * that says how many records will be re-driven. Reads again whenever the tab is shown.
 */
public final class DlqController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    /** Minutes drawn in the chart (the newest with dead letters). */
    private static final int CHART_MINUTES = 60;

    private final DlqViewModel model;
    private final ZoneId zone;
    private final Map<DeadLetterCategory, Label> countLabels = new EnumMap<>(DeadLetterCategory.class);

    @FXML private VBox dlqRoot;
    @FXML private ComboBox<DeadLetterCategory> dlqCategoryBox;
    @FXML private Button dlqRefreshButton;
    @FXML private Button redriveSelectedButton;
    @FXML private Button redriveMatchingButton;
    @FXML private Label dlqStatusLabel;
    @FXML private HBox dlqProblemBox;
    @FXML private Label dlqProblemLabel;
    @FXML private HBox dlqCountsBox;
    @FXML private StackedBarChart<String, Number> dlqMinuteChart;
    @FXML private TableView<DlqRow> dlqTable;
    @FXML private TableColumn<DlqRow, String> dlqTimeColumn;
    @FXML private TableColumn<DlqRow, String> dlqCategoryColumn;
    @FXML private TableColumn<DlqRow, String> dlqReasonColumn;
    @FXML private TableColumn<DlqRow, String> dlqOriginColumn;
    @FXML private TableColumn<DlqRow, String> dlqSizeColumn;
    @FXML private Label dlqDetailTitle;
    @FXML private Label dlqDetailReason;
    @FXML private Label dlqDetailOrigin;
    @FXML private Label dlqDetailRedrivable;
    @FXML private TextArea dlqDetailHeaders;
    @FXML private TextArea dlqDetailText;
    @FXML private TextArea dlqDetailHex;

    public DlqController(DlqViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        dlqCategoryBox.setItems(FXCollections.observableArrayList(DeadLetterCategory.values()));
        dlqCategoryBox.getItems().add(0, null);
        dlqCategoryBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeadLetterCategory c) {
                return c == null ? "All categories" : c.word();
            }

            @Override
            public DeadLetterCategory fromString(String s) {
                return null;
            }
        });
        dlqCategoryBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(DeadLetterCategory c, boolean empty) {
                super.updateItem(c, empty);
                setText(c == null ? "All categories" : c.word());
            }
        });
        dlqCategoryBox.valueProperty().bindBidirectional(model.categoryProperty());

        for (DeadLetterCategory c : DeadLetterCategory.values()) {
            Label l = new Label(c.word() + " 0");
            l.setId("dlq-count-" + c.word());
            l.getStyleClass().addAll("dlq-count", "dlq-" + c.word());
            countLabels.put(c, l);
            dlqCountsBox.getChildren().add(l);
        }
        model.countsProperty().addListener((o, a, counts) -> countLabels.forEach(
                (c, l) -> l.setText(c.word() + " " + counts.getOrDefault(c, 0L))));

        dlqMinuteChart.setAnimated(false);
        dlqMinuteChart.getXAxis().setAnimated(false);
        dlqMinuteChart.getYAxis().setAnimated(false);
        model.minutes().addListener((ListChangeListener<DlqViewModel.MinuteCount>) c -> drawChart());

        column(dlqTimeColumn, DlqRow::time);
        column(dlqCategoryColumn, DlqRow::category);
        column(dlqReasonColumn, DlqRow::reason);
        column(dlqOriginColumn, DlqRow::origin);
        column(dlqSizeColumn, DlqRow::size);
        dlqTable.setItems(model.rows());
        dlqTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        dlqTable.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> model.select(row));

        model.detailProperty().addListener((o, a, d) -> showDetail(d));
        showDetail(model.detailProperty().get());

        dlqStatusLabel.textProperty().bind(model.statusProperty());
        dlqProblemLabel.textProperty().bind(model.problemProperty());
        dlqProblemBox.visibleProperty().bind(model.problemProperty().isNotEmpty());
        dlqProblemBox.managedProperty().bind(dlqProblemBox.visibleProperty());
        var idle = model.busyProperty().not().and(model.connectedProperty());
        dlqRefreshButton.disableProperty().bind(idle.not());
        redriveMatchingButton.disableProperty().bind(idle.not().or(Bindings.isEmpty(model.rows())));
        redriveSelectedButton.disableProperty().bind(idle.not()
                .or(dlqTable.getSelectionModel().selectedItemProperty().isNull()));
        // A tab's content is visible only while the tab is selected: read again each time it is shown.
        dlqRoot.visibleProperty().addListener((o, a, shown) -> {
            if (shown) {
                model.refresh();
            }
        });
    }

    private void showDetail(DlqDetail d) {
        dlqDetailTitle.setText(d.title());
        dlqDetailReason.setText(d.reason());
        dlqDetailOrigin.setText(d.origin());
        dlqDetailRedrivable.setText(d.redrivable().isEmpty() ? "" : "Re-drivable: " + d.redrivable());
        dlqDetailHeaders.setText(d.headers());
        dlqDetailText.setText(d.text());
        dlqDetailHex.setText(d.hex());
    }

    private void drawChart() {
        Map<DeadLetterCategory, XYChart.Series<String, Number>> series = new EnumMap<>(DeadLetterCategory.class);
        for (DeadLetterCategory c : DeadLetterCategory.values()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(c.word());
            series.put(c, s);
        }
        var all = model.minutes();
        TreeSet<Instant> shown = new TreeSet<>();
        all.forEach(m -> shown.add(m.minute()));
        while (shown.size() > CHART_MINUTES) {
            shown.pollFirst();
        }
        for (DlqViewModel.MinuteCount m : all) {
            if (shown.contains(m.minute())) {
                series.get(m.category()).getData().add(
                        new XYChart.Data<>(MINUTE.format(m.minute().atZone(zone)), m.count()));
            }
        }
        dlqMinuteChart.getData().setAll(series.values());
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onRedriveSelected() {
        confirmAndRedrive(model.planSelected(dlqTable.getSelectionModel().getSelectedItems()), "the selected");
    }

    @FXML
    private void onRedriveMatching() {
        DeadLetterCategory c = model.categoryProperty().get();
        model.planMatching(plan -> confirmAndRedrive(plan, c == null ? "all" : "all " + c.word()));
    }

    /** One sentence for nothing to do; else a confirmation naming the count, and the re-drive on OK. */
    private void confirmAndRedrive(RedrivePlan plan, String which) {
        StringBuilder body = new StringBuilder();
        if (plan.skipped() > 0) {
            body.append(plan.skipped()).append(plan.skipped() == 1 ? " dead letter" : " dead letters")
                    .append(" cannot be re-driven and will be left alone:\n");
            plan.skippedBecause().forEach((why, n) -> body.append("  ").append(n).append(" × ").append(why).append('\n'));
            body.append('\n');
        }
        if (plan.count() == 0) {
            Alert nothing = new Alert(Alert.AlertType.INFORMATION, body.toString().strip(), ButtonType.OK);
            nothing.setTitle("Re-drive");
            nothing.setHeaderText("Nothing to re-drive: none of " + which + " dead letters can be re-driven.");
            nothing.initOwner(dlqTable.getScene().getWindow());
            nothing.showAndWait();
            return;
        }
        body.append("Each goes back to ").append(Topics.RAW).append(" with its original key and value and the header "
                + "paypulse-redrive-of; the processor counts each at most once, however often it is re-driven. "
                + "An event whose window has closed stays late and returns to the DLQ.");
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, body.toString(), ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle("Re-drive dead letters");
        confirm.setHeaderText("Re-drive " + plan.what() + " to " + Topics.RAW + "?");
        confirm.getDialogPane().setId("redriveConfirmation");
        confirm.initOwner(dlqTable.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.redrive(plan));
    }

    private static void column(TableColumn<DlqRow, String> column, Function<DlqRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}

package io.paypulse.app.alerts;

import io.paypulse.event.Severity;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;

/** Renders {@link AlertsViewModel} as a table (lambdas, not PropertyValueFactory: rows are records). */
public final class AlertsController {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);

    private final AlertsViewModel vm;

    @FXML private ComboBox<Severity> severityFilter;
    @FXML private ComboBox<AlertRow.Status> statusFilter;
    @FXML private Button ackButton;
    @FXML private Button snoozeButton;
    @FXML private Spinner<Integer> snoozeMinutes;
    @FXML private Label messageLabel;
    @FXML private TableView<AlertRow> table;
    @FXML private TableColumn<AlertRow, String> timeCol;
    @FXML private TableColumn<AlertRow, Severity> severityCol;
    @FXML private TableColumn<AlertRow, String> ruleCol;
    @FXML private TableColumn<AlertRow, String> groupCol;
    @FXML private TableColumn<AlertRow, String> windowCol;
    @FXML private TableColumn<AlertRow, String> valueCol;
    @FXML private TableColumn<AlertRow, String> messageCol;
    @FXML private TableColumn<AlertRow, AlertRow.Status> stateCol;
    @FXML private TableColumn<AlertRow, Number> countCol;

    public AlertsController(AlertsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        severityFilter.getItems().setAll(null, Severity.CRITICAL, Severity.WARNING);
        severityFilter.setButtonCell(nullable("All"));
        severityFilter.setCellFactory(lv -> nullable("All"));
        severityFilter.valueProperty().bindBidirectional(vm.severityFilterProperty());
        statusFilter.getItems().setAll(null, AlertRow.Status.FIRING, AlertRow.Status.ACKNOWLEDGED,
                AlertRow.Status.SNOOZED, AlertRow.Status.RESOLVED);
        statusFilter.setButtonCell(nullable("All"));
        statusFilter.setCellFactory(lv -> nullable("All"));
        statusFilter.valueProperty().bindBidirectional(vm.statusFilterProperty());

        snoozeMinutes.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1440, 15, 5));
        table.setItems(vm.rows());
        var noSelection = table.getSelectionModel().selectedItemProperty().isNull();
        ackButton.disableProperty().bind(noSelection);
        snoozeButton.disableProperty().bind(noSelection);
        messageLabel.textProperty().bind(vm.messageProperty());

        text(timeCol, r -> r.time() == null ? "" : TIME.format(r.time()));
        severityCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        severityCol.setCellFactory(c -> new TableCell<>() {
            private final Label pill = new Label();

            @Override
            protected void updateItem(Severity s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                } else {
                    pill.setText(s.name());
                    pill.getStyleClass().setAll("label", "severity-pill",
                            s == Severity.CRITICAL ? "severity-critical" : "severity-warning");
                    setGraphic(pill);
                }
            }
        });
        text(ruleCol, AlertRow::rule);
        text(groupCol, AlertRow::group);
        text(windowCol, r -> AlertsViewModel.window(r.alert(), ZONE));
        text(valueCol, r -> AlertsViewModel.valueVsThreshold(r.alert()));
        text(messageCol, r -> r.alert().message());
        stateCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        stateCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AlertRow.Status s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("state-firing", "state-resolved", "state-acknowledged", "state-snoozed");
                if (empty || s == null) {
                    setText(null);
                } else {
                    setText(s.label());
                    getStyleClass().add("state-" + s.name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        countCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().alert().occurrences()));
    }

    private static void text(TableColumn<AlertRow, String> col, Function<AlertRow, String> f) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(f.apply(c.getValue())));
    }

    private static <T> ListCell<T> nullable(String allText) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? allText : item.toString());
            }
        };
    }

    @FXML
    private void onAcknowledge() {
        AlertRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            vm.acknowledge(r.id());
        }
    }

    @FXML
    private void onSnooze() {
        AlertRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            vm.snooze(r.rule(), snoozeMinutes.getValue());
        }
    }

    @FXML
    private void onExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export alerts");
        chooser.setInitialFileName("paypulse-alerts.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        if (f != null) {
            vm.exportCsv(f.toPath());
        }
    }
}

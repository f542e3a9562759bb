package io.paypulse.app.stack;

import io.paypulse.stack.Health;
import io.paypulse.stack.PayPulseStack;
import java.io.File;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/** Binds the Stack tab to {@link StackViewModel}; opens web UIs through {@code openUrl} (HostServices). */
public final class StackController {

    private final StackViewModel vm;
    private final Consumer<String> openUrl;

    @FXML private Button startStackButton;
    @FXML private Button stopStackButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label stackProgress;
    @FXML private Hyperlink kafkaUiLink;
    @FXML private Hyperlink airflowLink;
    @FXML private Hyperlink registryLink;
    @FXML private Label endpointLabel;
    @FXML private Label projectLabel;
    @FXML private Label connectedDot;
    @FXML private HBox stackErrorBanner;
    @FXML private Label stackErrorText;
    @FXML private TableView<StackRow> table;
    @FXML private TableColumn<StackRow, String> serviceCol;
    @FXML private TableColumn<StackRow, String> replicaCol;
    @FXML private TableColumn<StackRow, String> imageCol;
    @FXML private TableColumn<StackRow, StackRow> stateCol;
    @FXML private TableColumn<StackRow, Health> healthCol;
    @FXML private TableColumn<StackRow, String> portsCol;
    @FXML private TableColumn<StackRow, String> uptimeCol;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button restartButton;
    @FXML private Label logTarget;
    @FXML private ToggleButton followToggle;
    @FXML private ToggleButton timestampsToggle;
    @FXML private TextField filterField;
    @FXML private Button saveButton;
    @FXML private TextArea logArea;

    /** The container the user selected, kept across row replacements. */
    private String selectedId;

    public StackController(StackViewModel vm, Consumer<String> openUrl) {
        this.vm = vm;
        this.openUrl = openUrl;
    }

    @FXML
    private void initialize() {
        endpointLabel.setText(vm.endpoint());
        projectLabel.setText(vm.project());
        connectedDot.getStyleClass().add("status-stopped");
        vm.connectedProperty().addListener((o, a, on) -> {
            connectedDot.getStyleClass().removeAll("status-running", "status-stopped");
            connectedDot.getStyleClass().add(on ? "status-running" : "status-stopped");
        });
        connectedDot.setTooltip(new Tooltip("Green: following Docker events for this project"));

        startStackButton.disableProperty().bind(vm.canStartStackBinding().not());
        stopStackButton.disableProperty().bind(vm.canStopStackBinding().not());
        startStackButton.setTooltip(new Tooltip("docker compose up -d: creates what is missing, starts in dependency"
                + " order and waits until every healthcheck passes"));
        stopStackButton.setTooltip(new Tooltip("docker compose stop: containers and their data are kept"));
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        busyIndicator.managedProperty().bind(vm.busyProperty());
        stackProgress.textProperty().bind(vm.progressProperty());

        link(kafkaUiLink, PayPulseStack.KAFKA_UI_URL);
        link(airflowLink, PayPulseStack.AIRFLOW_URL);
        link(registryLink, PayPulseStack.SCHEMA_REGISTRY_URL);

        stackErrorText.textProperty().bind(vm.errorProperty());
        var hasError = vm.errorProperty().isNotEmpty();
        stackErrorBanner.visibleProperty().bind(hasError);
        stackErrorBanner.managedProperty().bind(hasError);

        table.setItems(vm.rows());
        text(serviceCol, StackRow::label);
        text(replicaCol, StackRow::replicaText);
        text(imageCol, StackRow::image);
        stateCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(StackRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("container-running", "container-stopped", "container-failed");
                if (empty || r == null) {
                    setText(null);
                } else {
                    setText(r.state());
                    getStyleClass().add(r.running() ? "container-running"
                            : "exited".equals(r.container().state()) && r.container().exitCode() == 0
                            ? "container-stopped" : "container-failed");
                }
            }
        });
        healthCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().health()));
        healthCol.setCellFactory(c -> new TableCell<>() {
            private final Label pill = new Label();

            @Override
            protected void updateItem(Health h, boolean empty) {
                super.updateItem(h, empty);
                if (empty || h == null) {
                    setGraphic(null);
                    setText(null);
                } else if (h == Health.NONE) {
                    setGraphic(null);
                    setText(StackViewModel.healthText(h));
                } else {
                    setText(null);
                    pill.setText(h.label());
                    pill.getStyleClass().setAll("label", "health-pill", "health-" + h.label());
                    setGraphic(pill);
                }
            }
        });
        text(portsCol, StackRow::ports);
        text(uptimeCol, StackRow::uptime);

        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                selectedId = row.id();
                vm.showLogs(row.id());
            }
            updateButtons();
        });
        vm.rows().addListener((ListChangeListener<StackRow>) c -> {
            StackRow sel = table.getSelectionModel().getSelectedItem();
            if (selectedId != null && (sel == null || !sel.id().equals(selectedId))) {
                for (int i = 0; i < vm.rows().size(); i++) {
                    if (vm.rows().get(i).id().equals(selectedId)) {
                        table.getSelectionModel().select(i);
                        break;
                    }
                }
            }
            updateButtons();
        });
        vm.pending().addListener((SetChangeListener<String>) c -> updateButtons());
        vm.busyProperty().addListener((o, a, b) -> updateButtons());
        updateButtons();

        logTarget.textProperty().bind(Bindings.createStringBinding(
                () -> vm.logTargetProperty().get().isEmpty() ? "select a container" : vm.logTargetProperty().get(),
                vm.logTargetProperty()));
        followToggle.selectedProperty().bindBidirectional(vm.followProperty());
        timestampsToggle.selectedProperty().bindBidirectional(vm.timestampsProperty());
        filterField.textProperty().bindBidirectional(vm.filterProperty());
        vm.logTextProperty().addListener((o, a, text) -> {
            double keep = logArea.getScrollTop();
            logArea.setText(text);
            if (vm.followProperty().get()) {
                logArea.positionCaret(text.length());
                logArea.setScrollTop(Double.MAX_VALUE);
            } else {
                logArea.setScrollTop(keep);
            }
        });
    }

    /** The selected row as the table shows it now (rows are replaced when Docker reports a change). */
    private StackRow selected() {
        StackRow sel = table.getSelectionModel().getSelectedItem();
        if (sel == null) {
            return null;
        }
        return vm.rows().stream().filter(r -> r.id().equals(sel.id())).findFirst().orElse(sel);
    }

    private void updateButtons() {
        StackRow r = selected();
        startButton.setDisable(!vm.canStart(r));
        stopButton.setDisable(!vm.canStop(r));
        restartButton.setDisable(!vm.canRestart(r));
    }

    private void link(Hyperlink h, String url) {
        h.setUserData(url);
        h.setTooltip(new Tooltip(url));
    }

    private static <T> void text(TableColumn<StackRow, T> col, Function<StackRow, T> f) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
    }

    @FXML
    private void onOpenLink(ActionEvent e) {
        Hyperlink h = (Hyperlink) e.getSource();
        openUrl.accept((String) h.getUserData());
        h.setVisited(false);
    }

    @FXML
    private void onStartStack() {
        vm.startStack();
    }

    @FXML
    private void onStopStack() {
        vm.stopStack();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onDismissError() {
        vm.dismissError();
    }

    @FXML
    private void onStart() {
        StackRow r = selected();
        if (r != null) {
            vm.startContainer(r.id());
        }
    }

    @FXML
    private void onStop() {
        StackRow r = selected();
        if (r != null) {
            vm.stopContainer(r.id());
        }
    }

    @FXML
    private void onRestart() {
        StackRow r = selected();
        if (r != null) {
            vm.restartContainer(r.id());
        }
    }

    @FXML
    private void onSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save container log");
        String target = vm.logTargetProperty().get().split(" ", 2)[0];
        chooser.setInitialFileName((target.isEmpty() ? "container" : target) + ".log");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Log", "*.log", "*.txt"));
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        if (f != null) {
            vm.saveLogs(f.toPath());
        }
    }
}

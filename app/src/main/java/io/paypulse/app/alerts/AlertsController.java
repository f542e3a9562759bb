package io.paypulse.app.alerts;

import io.paypulse.event.Alert;
import io.paypulse.event.Severity;
import io.paypulse.notify.Silence;
import java.io.File;
import java.util.Locale;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/** Renders {@link AlertsViewModel} as a table (lambdas, not PropertyValueFactory: rows are records). */
public final class AlertsController {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);

    private final AlertsViewModel vm;
    private Consumer<Alert> showEvents = a -> { };

    @FXML private ComboBox<Severity> severityFilter;
    @FXML private ComboBox<AlertRow.Status> statusFilter;
    @FXML private Button ackButton;
    @FXML private Button silenceButton;
    @FXML private Label messageLabel;
    @FXML private TableView<AlertRow> table;
    @FXML private TableColumn<AlertRow, String> timeCol;
    @FXML private TableColumn<AlertRow, Severity> severityCol;
    @FXML private TableColumn<AlertRow, String> ruleCol;
    @FXML private TableColumn<AlertRow, String> groupCol;
    @FXML private TableColumn<AlertRow, String> windowCol;
    @FXML private TableColumn<AlertRow, String> valueCol;
    @FXML private TableColumn<AlertRow, String> messageCol;
    @FXML private TableColumn<AlertRow, AlertRow> stateCol;
    @FXML private TableColumn<AlertRow, String> deliveredCol;
    @FXML private TableColumn<AlertRow, Number> countCol;
    @FXML private Label silencesTitle;
    @FXML private Button expireSilenceButton;
    @FXML private TableView<Silence> silencesTable;
    @FXML private TableColumn<Silence, String> silenceRuleCol;
    @FXML private TableColumn<Silence, String> silenceGroupCol;
    @FXML private TableColumn<Silence, String> silenceUntilCol;
    @FXML private TableColumn<Silence, String> silenceCommentCol;
    @FXML private TableColumn<Silence, String> silenceByCol;

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
                AlertRow.Status.SILENCED, AlertRow.Status.INHIBITED, AlertRow.Status.RESOLVED);
        statusFilter.setButtonCell(nullable("All"));
        statusFilter.setCellFactory(lv -> nullable("All"));
        statusFilter.valueProperty().bindBidirectional(vm.statusFilterProperty());

        table.setItems(vm.rows());
        var noSelection = table.getSelectionModel().selectedItemProperty().isNull();
        ackButton.disableProperty().bind(noSelection);
        silenceButton.disableProperty().bind(noSelection.or(vm.canSilenceProperty().not()));
        messageLabel.textProperty().bind(vm.messageProperty());
        table.setRowFactory(t -> rowWithMenu());
        keepSelectionAcrossTicks();

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
        ruleCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule()));
        ruleCol.setCellFactory(c -> new RuleCell());
        text(groupCol, AlertRow::group);
        text(windowCol, r -> AlertsViewModel.window(r.alert(), ZONE));
        text(valueCol, r -> AlertsViewModel.valueVsThreshold(r.alert()));
        text(messageCol, r -> r.alert().message());
        stateCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(AlertRow r, boolean empty) {
                super.updateItem(r, empty);
                for (AlertRow.Status each : AlertRow.Status.values()) {
                    getStyleClass().remove("state-" + each.name().toLowerCase(Locale.ROOT));
                }
                if (empty || r == null) {
                    setText(null);
                } else {
                    setText(stateText(r));
                    getStyleClass().add("state-" + r.status().name().toLowerCase(Locale.ROOT));
                }
            }
        });
        text(deliveredCol, AlertRow::delivered);
        countCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().alert().occurrences()));
        bindSilences();
    }

    /**
     * A tick that changes a row replaces the list's items, which drops the selection: select the
     * same alert again so Acknowledge and Silence… stay usable.
     */
    private void keepSelectionAcrossTicks() {
        String[] selectedId = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                selectedId[0] = r.id();
            }
        });
        // The table's own list, listened to after the table: its selection model has updated by then.
        ObservableList<AlertRow> items = table.getItems();
        items.addListener((ListChangeListener<AlertRow>) c -> {
            if (table.getSelectionModel().getSelectedItem() == null && selectedId[0] != null) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).id().equals(selectedId[0])) {
                        table.getSelectionModel().select(i);
                        return;
                    }
                }
            }
        });
    }

    /** e.g. "Firing", "Silenced until 11:42" (also on an acknowledged row a silence covers). */
    private String stateText(AlertRow r) {
        if (r.silencedUntil() != null && r.status() != AlertRow.Status.RESOLVED) {
            String until = "silenced until " + vm.until(r.silencedUntil());
            return r.status() == AlertRow.Status.SILENCED ? "Silenced until " + vm.until(r.silencedUntil())
                    : r.status().label() + ", " + until;
        }
        return r.status().label();
    }

    private void bindSilences() {
        silencesTable.setItems(vm.silences());
        silencesTitle.textProperty().bind(Bindings.createStringBinding(
                () -> "Silences (" + vm.silences().size() + ")", vm.silences()));
        expireSilenceButton.disableProperty().bind(silencesTable.getSelectionModel().selectedItemProperty().isNull());
        silenceRuleCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(any(c.getValue().rule(), "every rule")));
        silenceGroupCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(any(c.getValue().group(), "any group")));
        silenceUntilCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(vm.until(c.getValue().endsAt())));
        silenceCommentCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().comment()));
        silenceByCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().createdBy()));
    }

    private static String any(String value, String anyText) {
        return Silence.ANY.equals(value) ? anyText : value;
    }

    /** What "Show events" (and a double-click on a row) does with the row's alert; FX thread. */
    public void setOnShowEvents(Consumer<Alert> action) {
        this.showEvents = action;
    }

    /** Right-click on a row: Acknowledge, Silence…, Show events; a double-click shows its events. */
    private TableRow<AlertRow> rowWithMenu() {
        TableRow<AlertRow> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && row.getItem() != null) {
                showEvents.accept(row.getItem().alert());
            }
        });
        MenuItem events = new MenuItem("Show events");
        events.setOnAction(e -> {
            if (row.getItem() != null) {
                showEvents.accept(row.getItem().alert());
            }
        });
        MenuItem ack = new MenuItem("Acknowledge");
        ack.setOnAction(e -> {
            if (row.getItem() != null) {
                vm.acknowledge(row.getItem().id());
            }
        });
        MenuItem silence = new MenuItem("Silence…");
        silence.disableProperty().bind(vm.canSilenceProperty().not());
        silence.setOnAction(e -> {
            if (row.getItem() != null) {
                askSilence(row.getItem());
            }
        });
        ContextMenu menu = new ContextMenu(ack, silence, events);
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu));
        return row;
    }

    /** The rule, with the "+1 folded" marker that shows/hides what is folded under it. */
    private final class RuleCell extends TableCell<AlertRow, String> {
        private final Label name = new Label();
        private final Button toggle = new Button();
        private final HBox box = new HBox(6, name, toggle);

        RuleCell() {
            toggle.getStyleClass().addAll("flat", "fold-toggle");
            toggle.setMinWidth(Region.USE_PREF_SIZE); // the rule's name gives way first
            toggle.setOnAction(e -> {
                AlertRow r = getTableRow() == null ? null : getTableRow().getItem();
                if (r != null) {
                    vm.toggleFolded(r.id());
                }
            });
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(String rule, boolean empty) {
            super.updateItem(rule, empty);
            AlertRow r = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || rule == null || r == null) {
                setGraphic(null);
                return;
            }
            name.getStyleClass().remove("folded-child");
            if (r.isFoldedChild()) {
                name.setText("↳ " + rule);
                name.getStyleClass().add("folded-child");
            } else {
                name.setText(rule);
            }
            toggle.setVisible(r.folded() > 0);
            toggle.setManaged(r.folded() > 0);
            toggle.setText("+" + r.folded() + " folded " + (r.expanded() ? "▾" : "▸"));
            setGraphic(box);
        }
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

    /**
     * Selects the alert's row and scrolls to it (e.g. when its desktop notification is clicked);
     * FX thread. Returns false when the feed does not hold that alert.
     */
    public boolean reveal(String alertId) {
        int index = vm.reveal(alertId);
        if (index < 0) {
            return false;
        }
        table.getSelectionModel().clearAndSelect(index);
        table.scrollTo(index);
        table.requestFocus();
        return true;
    }

    @FXML
    private void onSilence() {
        AlertRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            askSilence(r);
        }
    }

    private void askSilence(AlertRow r) {
        SilenceDialog.ask(r, table.getScene() == null ? null : table.getScene().getWindow()).ifPresent(vm::silence);
    }

    @FXML
    private void onExpireSilence() {
        Silence s = silencesTable.getSelectionModel().getSelectedItem();
        if (s != null) {
            vm.expireSilence(s.id());
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

package io.paypulse.app.events;

import io.paypulse.event.Money;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import java.io.File;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** Binds one Events window to its {@link EventsViewModel} (lambdas, not PropertyValueFactory: rows are records). */
public final class EventsController {

    private final EventsViewModel vm;

    @FXML private Label eventsTitleLabel;
    @FXML private TextField userField;
    @FXML private TextField orderField;
    @FXML private TextField idField;
    @FXML private TextField minAmountField;
    @FXML private TextField maxAmountField;
    @FXML private TextField reasonField;
    @FXML private ComboBox<PaymentType> typeBox;
    @FXML private ComboBox<Boolean> statusBox;
    @FXML private TableView<ParsedEvent> eventsTable;
    @FXML private TableColumn<ParsedEvent, String> timeCol;
    @FXML private TableColumn<ParsedEvent, String> levelCol;
    @FXML private TableColumn<ParsedEvent, String> typeCol;
    @FXML private TableColumn<ParsedEvent, String> statusCol;
    @FXML private TableColumn<ParsedEvent, String> orderCol;
    @FXML private TableColumn<ParsedEvent, String> userCol;
    @FXML private TableColumn<ParsedEvent, Long> amountCol;
    @FXML private TableColumn<ParsedEvent, String> refCol;
    @FXML private TableColumn<ParsedEvent, String> reasonCol;
    @FXML private TableColumn<ParsedEvent, String> ipCol;
    @FXML private ToggleButton liveToggle;
    @FXML private ToggleButton pauseToggle;
    @FXML private CheckBox maskCheck;
    @FXML private Label eventsStatusLabel;
    @FXML private Button exportButton;

    public EventsController(EventsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        eventsTitleLabel.textProperty().bind(vm.titleProperty());
        userField.textProperty().bindBidirectional(vm.userProperty());
        // Masked, the user field shows the user's tag and cannot be edited: the search keeps the real id.
        vm.maskedProperty().addListener((o, a, on) -> maskUserField(on));
        orderField.textProperty().bindBidirectional(vm.orderProperty());
        idField.textProperty().bindBidirectional(vm.idProperty());
        minAmountField.textProperty().bindBidirectional(vm.minAmountProperty());
        maxAmountField.textProperty().bindBidirectional(vm.maxAmountProperty());
        reasonField.textProperty().bindBidirectional(vm.reasonProperty());
        typeBox.getItems().setAll(null, PaymentType.PAYMENT, PaymentType.REFUND);
        Function<PaymentType, String> typeText = t -> t == null ? "Payments and refunds" : t.label() + "s";
        typeBox.setButtonCell(cell(typeText, true));
        typeBox.setCellFactory(l -> cell(typeText, false));
        typeBox.valueProperty().bindBidirectional(vm.typeProperty());
        statusBox.getItems().setAll(null, Boolean.TRUE, Boolean.FALSE);
        statusBox.setButtonCell(cell(EventsController::statusText, true));
        statusBox.setCellFactory(l -> cell(EventsController::statusText, false));
        statusBox.valueProperty().bindBidirectional(vm.failedProperty());
        // A changed criterion in a list is a new search at once; text fields wait for Enter or Search.
        typeBox.valueProperty().addListener((o, a, b) -> vm.search());
        statusBox.valueProperty().addListener((o, a, b) -> vm.search());

        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(vm.zone());
        eventsTable.setItems(vm.rows());
        text(timeCol, e -> time.format(e.eventTime()));
        text(levelCol, e -> e.level().name());
        text(typeCol, e -> e.type().label());
        text(statusCol, e -> e.failed() ? "Failed" : "OK");
        text(orderCol, ParsedEvent::orderId);
        text(userCol, ParsedEvent::userId);
        amountCol.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().amountCents()));
        amountCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long cents, boolean empty) {
                super.updateItem(cents, empty);
                setText(empty || cents == null ? null : "$" + Money.format(cents));
            }
        });
        text(refCol, e -> e.paymentId() != null ? e.paymentId() : e.refundId());
        text(reasonCol, ParsedEvent::failReason);
        text(ipCol, ParsedEvent::ipAddress);

        liveToggle.selectedProperty().bindBidirectional(vm.liveProperty());
        pauseToggle.selectedProperty().bindBidirectional(vm.pausedProperty());
        pauseToggle.disableProperty().bind(liveToggle.selectedProperty().not());
        liveToggle.selectedProperty().addListener((o, a, on) -> {
            if (!on) {
                pauseToggle.setSelected(false);
            }
        });
        maskCheck.selectedProperty().bindBidirectional(vm.maskedProperty());
        eventsStatusLabel.textProperty().bind(vm.statusProperty());
        exportButton.disableProperty().bind(Bindings.isEmpty(vm.rows()));
    }

    private void maskUserField(boolean on) {
        if (on) {
            userField.textProperty().unbindBidirectional(vm.userProperty());
            userField.setText(vm.shownUser(vm.userProperty().get()));
            userField.setEditable(false);
        } else {
            userField.setText(vm.userProperty().get());
            userField.textProperty().bindBidirectional(vm.userProperty());
            userField.setEditable(true);
        }
    }

    private static String statusText(Boolean failed) {
        return failed == null ? "Failed and OK" : failed ? "Failed" : "OK";
    }

    /** A list cell; the button cell also names the null choice (a combo box shows null as empty). */
    private static <T> ListCell<T> cell(Function<T, String> text, boolean button) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty && !(button && item == null) ? null : text.apply(item));
            }
        };
    }

    private static void text(TableColumn<ParsedEvent, String> col, Function<ParsedEvent, String> f) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(f.apply(c.getValue())));
    }

    @FXML
    private void onSearch() {
        vm.search();
    }

    @FXML
    private void onExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export events");
        chooser.setInitialFileName("paypulse-events.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(eventsTable.getScene().getWindow());
        if (f != null) {
            vm.exportCsv(f.toPath());
        }
    }

    @FXML
    private void onClose() {
        ((Stage) eventsTable.getScene().getWindow()).close();
    }
}

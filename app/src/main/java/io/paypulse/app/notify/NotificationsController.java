package io.paypulse.app.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Notifications window (⚙ ▸ Notifications…): binds {@link NotificationsViewModel}; one window,
 * brought to front when opened again. While it shows, the delivery columns refresh every second.
 */
public final class NotificationsController {

    private final NotificationsViewModel model;
    private final Timeline refresh;
    private Stage stage;
    /** The contact point the user selected, kept across refreshes (they replace the rows). */
    private String selectedName;

    @FXML private Label hintLabel;
    @FXML private HBox problemBox;
    @FXML private Label problemLabel;
    @FXML private HBox emptyBox;
    @FXML private TableView<ContactPointRow> contactTable;
    @FXML private TableColumn<ContactPointRow, String> nameColumn;
    @FXML private TableColumn<ContactPointRow, String> typeColumn;
    @FXML private TableColumn<ContactPointRow, String> destinationColumn;
    @FXML private TableColumn<ContactPointRow, String> routesColumn;
    @FXML private TableColumn<ContactPointRow, String> lastDeliveryColumn;
    @FXML private TableColumn<ContactPointRow, String> lastErrorColumn;
    @FXML private Button sendTestButton;
    @FXML private Label testResultLabel;

    public NotificationsController(NotificationsViewModel model) {
        this.model = model;
        this.refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        hintLabel.setText(NotificationsViewModel.FORMAT_HINT);
        problemLabel.textProperty().bind(model.problemProperty());
        var hasProblem = model.problemProperty().isNotEmpty();
        problemBox.visibleProperty().bind(hasProblem);
        problemBox.managedProperty().bind(hasProblem);
        emptyBox.visibleProperty().bind(model.defaultOnlyProperty());
        emptyBox.managedProperty().bind(model.defaultOnlyProperty());
        column(nameColumn, ContactPointRow::name);
        column(typeColumn, ContactPointRow::type);
        column(destinationColumn, ContactPointRow::destination);
        column(routesColumn, ContactPointRow::routes);
        column(lastDeliveryColumn, ContactPointRow::lastDelivery);
        column(lastErrorColumn, ContactPointRow::lastError);
        contactTable.setItems(model.rows());
        // The rows are replaced on refresh: keep the selection on the same contact point by name.
        model.rows().addListener((ListChangeListener<ContactPointRow>) c -> reselect());
        contactTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selectedName = b.name();
            }
        });
        sendTestButton.disableProperty().bind(contactTable.getSelectionModel().selectedItemProperty().isNull()
                .or(model.sendingProperty()));
        testResultLabel.textProperty().bind(model.testResultProperty());
    }

    private void reselect() {
        var items = contactTable.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(selectedName)) {
                contactTable.getSelectionModel().select(i);
                return;
            }
        }
        if (!items.isEmpty() && contactTable.getSelectionModel().isEmpty()) {
            contactTable.getSelectionModel().select(0);
        }
    }

    private static void column(TableColumn<ContactPointRow, String> col, Function<ContactPointRow, String> get) {
        col.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(get.apply(c.getValue()))
                .getReadOnlyProperty());
        // A long error or route list is cut by the column: the tooltip gives the whole sentence.
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
    }

    /** Opens the window (or brings it to front) and reads the rules file again. FX thread. */
    public void show(Window owner, List<String> stylesheets) {
        if (stage == null) {
            FXMLLoader loader = new FXMLLoader(NotificationsController.class.getResource("notifications.fxml"));
            loader.setControllerFactory(type -> this);
            Parent root;
            try {
                root = loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("PayPulse — Notifications");
            Scene scene = new Scene(root);
            scene.getStylesheets().addAll(stylesheets);
            stage.setScene(scene);
            stage.setOnShown(e -> refresh.play());
            stage.setOnHidden(e -> refresh.stop());
        }
        model.reload();
        stage.show();
        stage.toFront();
    }

    @FXML
    private void onSendTest() {
        ContactPointRow row = contactTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            model.sendTest(row.name());
        }
    }

    @FXML
    private void onClose() {
        stage.hide();
    }
}

package io.paypulse.app;

import io.paypulse.app.alerts.AlertsViewModel;
import io.paypulse.app.connection.ConnectionMode;
import io.paypulse.app.connection.ConnectionViewModel;
import java.io.File;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/** The window frame: connection toolbar, banners, tabs. Binds to the view models; no logic of its own. */
public final class MainController {

    private final ConnectionViewModel connection;
    private final AlertsViewModel alerts;
    private final PayPulseApp app;

    @FXML private ComboBox<ConnectionMode> modeBox;
    @FXML private TextField bootstrapField;
    @FXML private Button propertiesButton;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Label progressLabel;
    @FXML private Label statusDot;
    @FXML private CheckMenuItem darkItem;
    @FXML private MenuItem rulesItem;
    @FXML private MenuItem defaultRulesItem;
    @FXML private HBox errorBanner;
    @FXML private Label errorText;
    @FXML private HBox notificationBanner;
    @FXML private Label notificationText;
    @FXML private HBox feedBanner;
    @FXML private Label feedText;
    @FXML private TabPane tabs;
    @FXML private Tab alertsTab;
    @FXML private Tab stackTab;

    private final PauseTransition notificationTimeout = new PauseTransition(Duration.seconds(20));

    MainController(ConnectionViewModel connection, AlertsViewModel alerts, PayPulseApp app) {
        this.connection = connection;
        this.alerts = alerts;
        this.app = app;
    }

    @FXML
    private void initialize() {
        modeBox.setItems(FXCollections.observableArrayList(List.of(ConnectionMode.values())));
        modeBox.valueProperty().bindBidirectional(connection.modeProperty());
        modeBox.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ConnectionMode m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.available() ? m.label() : m.label() + " (coming soon)");
                setDisable(!empty && m != null && !m.available());
            }
        });
        modeBox.disableProperty().bind(connection.statusProperty().isEqualTo(ConnectionViewModel.Status.STARTING)
                .or(connection.statusProperty().isEqualTo(ConnectionViewModel.Status.STOPPING)));
        var custom = connection.modeProperty().isEqualTo(ConnectionMode.CUSTOM);
        bootstrapField.textProperty().bindBidirectional(connection.bootstrapServersProperty());
        bootstrapField.visibleProperty().bind(custom);
        bootstrapField.managedProperty().bind(custom);
        bootstrapField.disableProperty().bind(connection.canStartBinding().not());
        propertiesButton.visibleProperty().bind(custom);
        propertiesButton.managedProperty().bind(custom);
        propertiesButton.disableProperty().bind(connection.canStartBinding().not());

        startButton.disableProperty().bind(connection.canStartBinding().not());
        stopButton.disableProperty().bind(connection.canStopBinding().not());
        progressLabel.textProperty().bind(connection.progressProperty());
        connection.statusProperty().addListener((o, a, s) -> paintStatus(s));
        paintStatus(connection.statusProperty().get());

        errorText.textProperty().bind(connection.errorProperty());
        var hasError = connection.errorProperty().isNotEmpty();
        errorBanner.visibleProperty().bind(hasError);
        errorBanner.managedProperty().bind(hasError);

        notificationText.textProperty().bind(alerts.notificationProperty());
        var hasNote = alerts.notificationProperty().isNotEmpty();
        notificationBanner.visibleProperty().bind(hasNote);
        notificationBanner.managedProperty().bind(hasNote);
        notificationTimeout.setOnFinished(e -> alerts.dismissNotification());
        alerts.notificationCountProperty().addListener((o, a, b) -> notificationTimeout.playFromStart());

        feedBanner.visibleProperty().bind(feedText.textProperty().isNotEmpty());
        feedBanner.managedProperty().bind(feedBanner.visibleProperty());

        alertsTab.textProperty().bind(Bindings.createStringBinding(
                () -> "Alerts (" + alerts.totalCountProperty().get() + ")", alerts.totalCountProperty()));

        darkItem.setSelected(app.darkTheme());
        darkItem.selectedProperty().addListener((o, a, dark) -> app.setDarkTheme(dark));
    }

    /** Runs {@code onShow} each time the Stack tab is selected (the tab connects to Docker lazily). */
    void onStackTabShown(Runnable onShow) {
        stackTab.selectedProperty().addListener((o, a, selected) -> {
            if (selected) {
                onShow.run();
            }
        });
    }

    private void paintStatus(ConnectionViewModel.Status s) {
        statusDot.getStyleClass().removeAll("status-running", "status-busy", "status-stopped");
        statusDot.getStyleClass().add(switch (s) {
            case RUNNING -> "status-running";
            case STARTING, STOPPING -> "status-busy";
            case STOPPED -> "status-stopped";
        });
    }

    /** Called each tick with the feed's problem sentence, or null. */
    void feedStatus(String sentence) {
        String s = sentence == null ? "" : sentence;
        if (!s.equals(feedText.getText())) {
            feedText.setText(s);
        }
    }

    @FXML
    private void onStart() {
        connection.start();
    }

    @FXML
    private void onStop() {
        connection.stop();
    }

    @FXML
    private void onDismissError() {
        connection.dismissError();
    }

    @FXML
    private void onDismissNotification() {
        alerts.dismissNotification();
    }

    @FXML
    private void onShowAlerts() {
        tabs.getSelectionModel().select(alertsTab);
        alerts.dismissNotification();
    }

    @FXML
    private void onQuit() {
        app.exit();
    }

    @FXML
    private void onChooseRules() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Alert rules file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File f = chooser.showOpenDialog(startButton.getScene().getWindow());
        if (f != null) {
            app.setRulesFile(f.getAbsolutePath());
        }
    }

    @FXML
    private void onDefaultRules() {
        app.setRulesFile("");
    }

    @FXML
    private void onEditProperties() {
        Dialog<String> d = new Dialog<>();
        d.setTitle("Kafka client properties");
        d.setHeaderText("One key=value a line, e.g. security.protocol=SASL_SSL");
        TextArea area = new TextArea(connection.clientPropertiesProperty().get());
        area.setPrefRowCount(8);
        area.setPrefColumnCount(40);
        d.getDialogPane().setContent(area);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? area.getText() : null);
        d.showAndWait().ifPresent(connection.clientPropertiesProperty()::set);
    }
}

package io.paypulse.app;

import io.paypulse.app.alerts.AlertsViewModel;
import io.paypulse.app.connection.ClientConfigDialog;
import io.paypulse.app.connection.ConnectionViewModel;
import io.paypulse.app.connection.ProfilesViewModel;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.settings.SettingsViewModel;
import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * The window frame: connection toolbar (profiles, mode, servers, client configuration), banners, tabs.
 * Binds to the view models (connection, profiles, alerts, settings); no logic of its own. Quit and the
 * notifications window are actions the composition root hands in ({@link #setOnQuit}, {@link #setOnNotifications}).
 */
public final class MainController {

    private final ConnectionViewModel connection;
    private final ProfilesViewModel profiles;
    private final AlertsViewModel alerts;
    private final SettingsViewModel settings;
    private final ClientConfigDialog clientConfig;
    private Runnable onQuit = () -> { };
    private Runnable onNotifications = () -> { };

    @FXML private ComboBox<String> profileBox;
    @FXML private MenuButton profileMenu;
    @FXML private MenuItem deleteProfileItem;
    @FXML private HBox secretBanner;
    @FXML private Label secretText;
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

    MainController(ConnectionViewModel connection, ProfilesViewModel profiles, AlertsViewModel alerts,
                   SettingsViewModel settings) {
        this.connection = connection;
        this.profiles = profiles;
        this.alerts = alerts;
        this.settings = settings;
        this.clientConfig = new ClientConfigDialog(connection, profiles);
    }

    @FXML
    private void initialize() {
        modeBox.setItems(FXCollections.observableArrayList(List.of(ConnectionMode.values())));
        modeBox.valueProperty().bindBidirectional(connection.modeProperty());
        var busy = connection.statusProperty().isEqualTo(ConnectionViewModel.Status.STARTING)
                .or(connection.statusProperty().isEqualTo(ConnectionViewModel.Status.STOPPING));
        modeBox.disableProperty().bind(busy);
        bindProfiles(busy);
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
        Tooltip progressTip = new Tooltip();
        progressTip.textProperty().bind(connection.progressProperty()); // the label gives way on a narrow window
        progressLabel.setTooltip(progressTip);
        connection.statusProperty().addListener((o, a, s) -> paintStatus(s));
        paintStatus(connection.statusProperty().get());

        // One banner for both: a failed start, or a refused profile command (name taken, file unreadable).
        errorText.textProperty().bind(Bindings.createStringBinding(() -> {
            String e = connection.errorProperty().get();
            return e != null && !e.isEmpty() ? e : profiles.problemProperty().get();
        }, connection.errorProperty(), profiles.problemProperty()));
        var hasError = errorText.textProperty().isNotEmpty();
        errorBanner.visibleProperty().bind(hasError);
        errorBanner.managedProperty().bind(hasError);

        notificationText.textProperty().bind(alerts.notificationProperty());
        var hasNote = alerts.notificationProperty().isNotEmpty();
        notificationBanner.visibleProperty().bind(hasNote);
        notificationBanner.managedProperty().bind(hasNote);
        // No timer: the banner stays while a CRITICAL alert fires unacknowledged (issue 12).

        feedBanner.visibleProperty().bind(feedText.textProperty().isNotEmpty());
        feedBanner.managedProperty().bind(feedBanner.visibleProperty());

        alertsTab.textProperty().bind(Bindings.createStringBinding(
                () -> "Alerts (" + alerts.totalCountProperty().get() + ")", alerts.totalCountProperty()));

        darkItem.selectedProperty().bindBidirectional(settings.darkProperty());
    }

    private void bindProfiles(BooleanBinding busy) {
        profileBox.setItems(profiles.names());
        profileBox.setValue(profiles.activeProperty().get());
        // The view model decides (it may refuse a switch while starting): the box follows it back.
        profileBox.valueProperty().addListener((o, a, name) -> {
            if (name != null && !name.equals(profiles.activeProperty().get())) {
                profiles.select(name);
                if (!name.equals(profiles.activeProperty().get())) {
                    profileBox.setValue(profiles.activeProperty().get());
                }
            }
        });
        profiles.activeProperty().addListener((o, a, name) -> profileBox.setValue(name));
        // A rename replaces the selected item: the box may drop its value; put the active name back.
        profiles.names().addListener((ListChangeListener<String>) c ->
                profileBox.setValue(profiles.activeProperty().get()));
        profileBox.disableProperty().bind(busy);
        profileMenu.disableProperty().bind(busy);
        deleteProfileItem.disableProperty().bind(Bindings.size(profiles.names()).lessThan(2));

        var showSecret = profiles.secretHintProperty().isNotEmpty()
                .and(connection.modeProperty().isEqualTo(ConnectionMode.CUSTOM));
        secretText.textProperty().bind(profiles.secretHintProperty());
        secretBanner.visibleProperty().bind(showSecret);
        secretBanner.managedProperty().bind(showSecret);
    }

    /** ⚙ ▸ Quit: {@code quit} stops the app (FX thread). */
    void setOnQuit(Runnable quit) {
        this.onQuit = quit;
    }

    /** ⚙ ▸ Notifications…: {@code show} opens the contact points window (FX thread). */
    void setOnNotifications(Runnable show) {
        this.onNotifications = show;
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
        profiles.dismissProblem();
    }

    @FXML
    private void onNewProfile() {
        askName("New connection profile", "Name of the new profile (e.g. staging)", "")
                .ifPresent(profiles::create);
    }

    @FXML
    private void onRenameProfile() {
        String current = profiles.activeProperty().get();
        askName("Rename profile", "New name for '" + current + "'", current).ifPresent(profiles::rename);
    }

    @FXML
    private void onDeleteProfile() {
        String current = profiles.activeProperty().get();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "The profile '" + current
                + "' is removed from PayPulse. A client properties file it refers to is left where it is.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle("Delete profile");
        confirm.setHeaderText("Delete the profile '" + current + "'?");
        confirm.initOwner(startButton.getScene().getWindow());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> profiles.delete());
    }

    @FXML
    private void onImport() {
        clientConfig.chooseFile(startButton.getScene().getWindow()).ifPresent(profiles::importFile);
    }

    private Optional<String> askName(String title, String header, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(header);
        d.getEditor().setId("profileNameField");
        d.initOwner(startButton.getScene().getWindow());
        return d.showAndWait();
    }

    @FXML
    private void onAcknowledgeBanner() {
        alerts.acknowledgeBanner();
    }

    @FXML
    private void onShowAlerts() {
        tabs.getSelectionModel().select(alertsTab);
    }

    @FXML
    private void onNotifications() {
        onNotifications.run();
    }

    /** A desktop notification was clicked: show the Alerts tab (the alert's row is selected by its feed). */
    void showAlert(String alertId) {
        tabs.getSelectionModel().select(alertsTab);
    }

    @FXML
    private void onQuit() {
        onQuit.run();
    }

    @FXML
    private void onChooseRules() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Alert rules file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File f = chooser.showOpenDialog(startButton.getScene().getWindow());
        if (f != null) {
            settings.chooseRulesFile(f.getAbsolutePath());
        }
    }

    @FXML
    private void onDefaultRules() {
        settings.useShippedRules();
    }

    /** The Custom cluster's client configuration: file and inline properties (see {@link ClientConfigDialog}). */
    @FXML
    private void onEditProperties() {
        clientConfig.edit(startButton.getScene().getWindow());
    }
}

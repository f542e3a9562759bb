package io.paypulse.app;

import io.paypulse.app.alerts.AlertsViewModel;
import io.paypulse.app.connection.ConnectionViewModel;
import io.paypulse.app.connection.ProfilesViewModel;
import io.paypulse.app.connection.SecretKeys;
import io.paypulse.app.session.ConnectionMode;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The window frame: connection toolbar (profiles, mode, servers, client configuration), banners, tabs.
 * Binds to the view models; no logic of its own.
 */
public final class MainController {

    private final ConnectionViewModel connection;
    private final ProfilesViewModel profiles;
    private final AlertsViewModel alerts;
    private final PayPulseApp app;

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
                   PayPulseApp app) {
        this.connection = connection;
        this.profiles = profiles;
        this.alerts = alerts;
        this.app = app;
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

        darkItem.setSelected(app.darkTheme());
        darkItem.selectedProperty().addListener((o, a, dark) -> app.setDarkTheme(dark));
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
        chooseClientConfig().ifPresent(profiles::importFile);
    }

    private Optional<String> askName(String title, String header, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(header);
        d.getEditor().setId("profileNameField");
        d.initOwner(startButton.getScene().getWindow());
        return d.showAndWait();
    }

    private Optional<Path> chooseClientConfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Kafka client properties file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Properties files", "*.properties", "*.conf", "*.cfg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        String current = connection.clientConfigFileProperty().get();
        if (current != null && !current.isBlank()) {
            File dir = new File(current).getParentFile();
            if (dir != null && dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        }
        File f = chooser.showOpenDialog(startButton.getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
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
        app.showNotifications();
    }

    /** A desktop notification was clicked: show the Alerts tab (the alert's row is selected by its feed). */
    void showAlert(String alertId) {
        tabs.getSelectionModel().select(alertsTab);
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

    /**
     * The Custom cluster's client configuration: a properties file the profile refers to (read at
     * each connect; where secrets belong) and inline properties (saved in app.json, for the rest).
     */
    @FXML
    private void onEditProperties() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Kafka client configuration");
        d.setHeaderText("Client configuration of the profile '" + profiles.activeProperty().get() + "'");
        d.initOwner(startButton.getScene().getWindow());

        StringProperty file = new SimpleStringProperty(
                connection.clientConfigFileProperty().get());
        Label fileLabel = new Label();
        file.addListener((o, a, now) -> {
            fileLabel.getStyleClass().removeAll("client-config-file", "muted");
            fileLabel.getStyleClass().add(now.isBlank() ? "muted" : "client-config-file");
        });
        fileLabel.getStyleClass().add(file.get().isBlank() ? "muted" : "client-config-file");
        fileLabel.textProperty().bind(Bindings.createStringBinding(
                () -> file.get().isBlank() ? "No file: only the inline properties below" : file.get(), file));
        fileLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(fileLabel, Priority.ALWAYS);
        Button importButton = new Button("Import…");
        importButton.setOnAction(e -> chooseClientConfig().ifPresent(p -> file.set(p.toAbsolutePath().toString())));
        Button clearButton = new Button("Remove");
        clearButton.disableProperty().bind(file.isEmpty());
        clearButton.setOnAction(e -> file.set(""));
        HBox fileRow = new HBox(8, fileLabel, importButton, clearButton);
        fileRow.setAlignment(Pos.CENTER_LEFT);

        TextArea area = new TextArea(connection.clientPropertiesProperty().get());
        area.setId("inlinePropertiesArea");
        area.setPrefRowCount(7);
        area.setPrefColumnCount(56);
        area.setPromptText("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.id=paypulse-app");
        Label hint = new Label();
        hint.getStyleClass().add("secret-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(560);
        hint.textProperty().bind(Bindings.createStringBinding(() -> SecretKeys.hint(area.getText()),
                area.textProperty()));
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());

        Label fileTitle = new Label("Client properties file (a standard Kafka client .properties file, read at "
                + "each connect: the place for passwords and keys)");
        fileTitle.setWrapText(true);
        fileTitle.setMaxWidth(560);
        Label inlineTitle = new Label("Inline properties, over the file's (saved in the app's settings: "
                + "non-secret settings only)");
        inlineTitle.setWrapText(true);
        inlineTitle.setMaxWidth(560);
        VBox content = new VBox(8, fileTitle, fileRow,
                new Separator(), inlineTitle, area, hint);
        content.setPrefWidth(600);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            connection.clientPropertiesProperty().set(area.getText());
            String chosen = file.get();
            if (!chosen.equals(connection.clientConfigFileProperty().get())) {
                if (chosen.isBlank()) {
                    profiles.clearFile();
                } else {
                    profiles.importFile(Path.of(chosen));
                }
            }
        });
    }
}

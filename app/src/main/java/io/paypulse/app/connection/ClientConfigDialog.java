package io.paypulse.app.connection;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Custom cluster's client configuration: a properties file the profile refers to (read at each connect;
 * where secrets belong) and inline properties (saved in app.json, for the rest). FX thread.
 */
public final class ClientConfigDialog {

    private final ConnectionViewModel connection;
    private final ProfilesViewModel profiles;

    public ClientConfigDialog(ConnectionViewModel connection, ProfilesViewModel profiles) {
        this.connection = connection;
        this.profiles = profiles;
    }

    /** A Kafka client properties file chosen by the user, starting in the current file's folder; empty if cancelled. */
    public Optional<Path> chooseFile(Window owner) {
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
        File f = chooser.showOpenDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }

    /** Shows the dialog; OK applies the inline properties and the file (imported or removed) to the active profile. */
    public void edit(Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Kafka client configuration");
        d.setHeaderText("Client configuration of the profile '" + profiles.activeProperty().get() + "'");
        d.initOwner(owner);

        StringProperty file = new SimpleStringProperty(connection.clientConfigFileProperty().get());
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
        importButton.setOnAction(e -> chooseFile(owner).ifPresent(p -> file.set(p.toAbsolutePath().toString())));
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
        VBox content = new VBox(8, fileTitle, fileRow, new Separator(), inlineTitle, area, hint);
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

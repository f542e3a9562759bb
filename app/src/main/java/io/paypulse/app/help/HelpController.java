package io.paypulse.app.help;

import io.paypulse.app.startup.AppDirs;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/**
 * The Help menu (help.fxml, included in the main toolbar): open the data or config folder, keyboard
 * shortcuts, About.
 * Opening a folder runs on {@code background} (it starts a process); dialogs on the FX thread.
 */
public final class HelpController {

    private final Supplier<AppDirs> dirs;
    private final Executor background;
    private final Executor fx;

    @FXML private MenuButton helpMenu;

    /**
     * @param dirs       where things are (resolved once at start)
     * @param background where folder opening runs
     * @param fx         the FX thread executor, for the failure dialog
     */
    public HelpController(Supplier<AppDirs> dirs, Executor background, Executor fx) {
        this.dirs = dirs;
        this.background = background;
        this.fx = fx;
    }

    @FXML
    private void onOpenDataFolder() {
        openFolder(dirs.get().dataDir());
    }

    @FXML
    private void onOpenConfigFolder() {
        openFolder(dirs.get().configDir());
    }

    @FXML
    private void onShortcuts() {
        Alert dialog = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        TextArea text = new TextArea(KeyboardShortcuts.text());
        text.setId("shortcutsText");
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefRowCount(KeyboardShortcuts.CHARTS.size() + 3);
        text.setPrefColumnCount(64);
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().setId("shortcutsDialog");
        if (helpMenu.getScene() != null) {
            dialog.initOwner(helpMenu.getScene().getWindow());
        }
        dialog.show();
    }

    @FXML
    private void onAbout() {
        AboutInfo info = AboutInfo.current(dirs.get());
        Alert dialog = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        dialog.setTitle("About PayPulse");
        dialog.setHeaderText(info.title() + "\nReal-time monitoring of payment and refund logs.");
        var icon = HelpController.class.getResource("paypulse.png");
        if (icon != null) {
            ImageView view = new ImageView(new Image(icon.toExternalForm(), 64, 64, true, true));
            dialog.setGraphic(view);
        }
        TextArea text = new TextArea(info.text());
        text.setId("aboutDetails");
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(info.lines().size());
        text.setPrefColumnCount(70);
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().setId("aboutDialog");
        if (helpMenu.getScene() != null) {
            dialog.initOwner(helpMenu.getScene().getWindow());
        }
        dialog.show();
    }

    private void openFolder(Path folder) {
        background.execute(() -> {
            String problem = FolderOpener.open(folder);
            if (problem != null) {
                fx.execute(() -> {
                    Alert a = new Alert(Alert.AlertType.INFORMATION, "The folder is " + folder, ButtonType.CLOSE);
                    a.setTitle("PayPulse");
                    a.setHeaderText(problem);
                    a.show();
                });
            }
        });
    }
}

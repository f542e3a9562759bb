package io.paypulse.app;

import io.paypulse.app.help.HelpController;
import io.paypulse.app.settings.AppSettings;
import io.paypulse.app.settings.WindowPlacement;
import java.io.IOException;
import java.util.Map;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The main window's frame: main.fxml with the app's controllers, the stylesheet, title, icon, size and place. FX thread. */
final class MainWindow {

    private MainWindow() {
    }

    /** Loads main.fxml; each controller it names must be one of {@code controllers} (built by the app, not by FXML). */
    static Parent load(Map<Class<?>, Object> controllers) throws IOException {
        FXMLLoader loader = new FXMLLoader(PayPulseApp.class.getResource("main.fxml"));
        loader.setControllerFactory(type -> {
            Object c = controllers.get(type);
            if (c == null) {
                throw new IllegalStateException("No controller for " + type);
            }
            return c;
        });
        return loader.load();
    }

    /** Puts {@code root} in {@code stage} at the remembered size and place, styled and titled; not shown yet. */
    static void dress(Stage stage, Parent root, AppSettings settings) {
        Scene scene = new Scene(root, settings.width(), settings.height());
        scene.getStylesheets().add(PayPulseApp.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("PayPulse");
        stage.getIcons().add(new Image(HelpController.class.getResource("paypulse.png").toExternalForm()));
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        WindowPlacement.restore(stage, settings);
    }

    /** Brings the window up, also from the tray or iconified (a click on a desktop notification). */
    static void raise(Stage stage) {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }
}

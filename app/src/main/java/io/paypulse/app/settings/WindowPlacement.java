package io.paypulse.app.settings;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The window where it was last time, and where it is now: the stage's side of the remembered placement. FX thread. */
public final class WindowPlacement {

    private WindowPlacement() {
    }

    /** Back at the remembered spot if that is still on a screen (a monitor may be gone), else centred. */
    public static void restore(Stage stage, AppSettings settings) {
        double x = settings.x();
        double y = settings.y();
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty();
        if (onScreen) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(settings.maximized());
    }

    /**
     * {@code settings} with the window's current bounds. A maximised window keeps the bounds it had before
     * (to come back to them); a hidden or iconified one changes nothing.
     */
    public static AppSettings remember(Stage stage, AppSettings settings) {
        if (stage == null || !stage.isShowing() || stage.isIconified()) {
            return settings;
        }
        if (stage.isMaximized()) {
            return settings.withWindow(settings.x(), settings.y(), settings.width(), settings.height(), true);
        }
        return settings.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
    }
}

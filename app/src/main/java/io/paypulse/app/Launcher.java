package io.paypulse.app;

import javafx.application.Application;

/**
 * Entry point of the desktop app: {@code mvn -pl app javafx:run}, {@code make run}, or
 * {@code java -cp ... io.paypulse.app.Launcher [--autostart]}. A plain class (not an Application
 * subclass) so a class-path launch on Java 17 finds the JavaFX runtime.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(PayPulseApp.class, args);
    }
}

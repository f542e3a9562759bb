package io.paypulse.app;

import javafx.application.Application;

/**
 * Entry point of the desktop app: {@code mvn -pl app javafx:run}, {@code make run}, the packaged
 * launcher {@code /opt/paypulse/bin/PayPulse}, or {@code java -cp ... io.paypulse.app.Launcher [--autostart]}.
 * A plain class (not an Application subclass) so a class-path launch on Java 17 finds the JavaFX runtime.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            Application.launch(PayPulseApp.class, args);
        } catch (RuntimeException e) {
            String sentence = noWindowSentence(e);
            if (sentence == null) {
                throw e;
            }
            System.err.println(sentence);
            System.exit(1);
        }
    }

    /** One sentence for the ways JavaFX fails to open any window; null for anything else. */
    static String noWindowSentence(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("Unable to open DISPLAY")) {
            return "PayPulse cannot open a window: no display (DISPLAY is not set or the X server does not answer). "
                    + "On a server, run the pipeline with `java -jar paypulse.jar run`, or the app under `xvfb-run`.";
        }
        if (m.contains("Unable to load glass GTK library")) {
            return "PayPulse cannot open a window: the GTK 3 library is missing. "
                    + "Install it (Debian/Ubuntu: apt-get install libgtk-3-0) and start PayPulse again.";
        }
        return null;
    }
}

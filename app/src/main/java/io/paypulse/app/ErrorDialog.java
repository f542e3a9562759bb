package io.paypulse.app;

import io.paypulse.app.fx.FxThread;
import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An uncaught exception on any thread: logged, then shown in a readable dialog; the app keeps running. */
final class ErrorDialog {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);

    private ErrorDialog() {
    }

    /** Makes this the default handler for uncaught exceptions (every thread). */
    static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("Uncaught exception on thread {}", thread.getName(), e);
            FxThread.run(() -> show(e));
        });
    }

    /** The error's message as the header, its stack trace folded below. FX thread. */
    static void show(Throwable e) {
        Alert dialog = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        dialog.setTitle("PayPulse — unexpected error");
        dialog.setHeaderText(e.getMessage() == null ? "Something went wrong (" + e.getClass().getSimpleName() + ")."
                : e.getMessage());
        dialog.setContentText("PayPulse keeps running. The details below are also in the log.");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        TextArea text = new TextArea(trace.toString());
        text.setEditable(false);
        text.setPrefRowCount(12);
        dialog.getDialogPane().setExpandableContent(text);
        dialog.show();
    }
}

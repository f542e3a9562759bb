package io.paypulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** An uncaught exception on any thread: the app stays up and shows what went wrong, readable. */
class ErrorDialogTest {

    private final FxRobot robot = new FxRobot();
    private Thread.UncaughtExceptionHandler before;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void restore() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(before);
        FxToolkit.cleanupStages();
    }

    @Test
    void uncaughtExceptionOnABackgroundThreadShowsItsMessageAndTrace() throws Exception {
        before = Thread.getDefaultUncaughtExceptionHandler();
        ErrorDialog.install();
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("The settings folder is read-only");
        }, "error-dialog-test");
        worker.start();
        worker.join();

        DialogPane pane = await().atMost(Duration.ofSeconds(10)).until(this::errorPane, Optional::isPresent).get();
        assertThat(pane.getHeaderText()).isEqualTo("The settings folder is read-only");
        assertThat(pane.getContentText()).isEqualTo("PayPulse keeps running. The details below are also in the log.");
        assertThat(((TextArea) pane.getExpandableContent()).getText())
                .startsWith("java.lang.IllegalStateException: The settings folder is read-only");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        robot.interact(() -> ErrorDialog.show(new NullPointerException()));

        assertThat(errorPane()).get().extracting(DialogPane::getHeaderText)
                .isEqualTo("Something went wrong (NullPointerException).");
    }

    private Optional<DialogPane> errorPane() {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> p.getScene().getWindow().isShowing())
                .filter(p -> "PayPulse — unexpected error".equals(((Stage) p.getScene().getWindow()).getTitle()))
                .findFirst();
    }
}

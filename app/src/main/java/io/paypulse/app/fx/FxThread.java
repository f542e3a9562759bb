package io.paypulse.app.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way onto the FX thread: runs now when already there, else via {@link Platform#runLater}.
 * View models receive this as a plain {@link Executor} so tests can pass a same-thread executor.
 */
public final class FxThread implements Executor {

    public static final FxThread INSTANCE = new FxThread();

    private FxThread() {
    }

    @Override
    public void execute(Runnable task) {
        run(task);
    }

    public static void run(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    /** For code that must never block the FX thread: fails loudly when called on it. */
    public static void assertNotFxThread(String what) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must not run on the FX thread");
        }
    }
}

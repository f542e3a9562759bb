package io.paypulse.app;

import io.paypulse.app.connection.ConnectionViewModel;
import io.paypulse.app.fx.FxThread;
import io.paypulse.threads.Workers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the app stops. Every way out ends here: the window's close button and ⚙ ▸ Quit ({@link #exit()}),
 * SIGTERM/SIGINT/SIGHUP ({@link #exitOnSignals()}), a JVM exit that bypassed both ({@link #stopOnJvmExit()})
 * and the toolkit's own stop ({@link #stopFromToolkit()}).
 *
 * <p>Order on exit: remember the settings, close the views' feeds (the steps given to {@link #closeFirst},
 * in order), stop the pipeline on its own thread, end the app's executors (the settings writer first, and let
 * it finish), then hide the window and leave the toolkit. {@link #exit()} runs on the FX thread; it runs once.
 */
final class AppShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(AppShutdown.class);

    private final ConnectionViewModel connection;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private Runnable saveSettings = () -> { };
    private ExecutorService settingsWriter;
    private Stage stage;
    private List<Runnable> closeFirst = List.of();
    private List<ExecutorService> endLast = List.of();
    private CompletableFuture<Void> closedForTest;
    private final Workers workers;

    AppShutdown(ConnectionViewModel connection, Workers workers) {
        this.connection = connection;
        this.workers = workers;
    }

    /** What exit() does before the pipeline stops: save the settings on {@code writer}, close the views. */
    void closeFirst(Stage stage, Runnable saveSettings, ExecutorService settingsWriter, Runnable... steps) {
        this.stage = stage;
        this.saveSettings = saveSettings;
        this.settingsWriter = settingsWriter;
        this.closeFirst = List.of(steps);
    }

    /**
     * The app's own executors, shut down in this order once the pipeline has stopped (and after the settings
     * writer): tasks already queued still run, so a close step queued on one of them is not lost.
     */
    void endAfterPipeline(ExecutorService... executors) {
        this.endLast = List.of(executors);
    }

    /** Window close or the Quit action: stop everything in the background, then leave. FX thread. */
    void exit() {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        saveSettings.run();
        closeFirst.forEach(Runnable::run);
        connection.stop();
        stage.setTitle("PayPulse — stopping…");
        long t0 = System.nanoTime();
        connection.shutdown().whenComplete((v, e) -> {
            LOG.info("PayPulse stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            endExecutors();
            try {
                settingsWriter.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            Platform.runLater(() -> {
                stage.hide();
                Platform.exit();
            });
        });
    }

    /**
     * For tests: the same closing steps as {@link #exit()}, without saving or leaving the toolkit. Runs once;
     * the toolkit's stop after it has nothing left to do.
     */
    synchronized CompletableFuture<Void> closeForTest() {
        if (closedForTest == null) {
            exiting.set(true);
            closeFirst.forEach(Runnable::run);
            closedForTest = connection.shutdown().whenComplete((v, e) -> endExecutors());
        }
        return closedForTest;
    }

    /** Shuts down the settings writer, then the executors given to {@link #endAfterPipeline}. */
    private void endExecutors() {
        if (settingsWriter != null) {
            settingsWriter.shutdown();
        }
        endLast.forEach(ExecutorService::shutdown);
    }

    /**
     * SIGTERM (kill, logout, a service manager), SIGINT (Ctrl-C) and SIGHUP take the same path as closing
     * the window: {@link #exit()} stops the pipeline in order, then the JVM ends normally (exit code 0).
     * Left to the JVM, a signal runs the shutdown hooks at once, and JavaFX's own hook disposes the
     * renderer while the FX thread still paints (a RejectedExecutionException trace, seen in test-deb.sh).
     * Also installs {@link #stopOnJvmExit()} as a shutdown hook.
     */
    void exitOnSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    LOG.info("SIG{} received: stopping", sig.getName());
                    FxThread.run(this::exit);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal {} not handled here: {}", name, e.getMessage()); // e.g. no SIGHUP on Windows
            }
        }
        Runtime.getRuntime().addShutdownHook(workers.shutdownHook("paypulse-shutdown", this::stopOnJvmExit));
    }

    /** Fallback for a JVM exit that did not go through {@link #exit()}: close the session, bounded. */
    private void stopOnJvmExit() {
        if (exiting.get()) {
            return; // exit() closed everything before the JVM ended
        }
        try {
            connection.shutdown().get(60, TimeUnit.SECONDS);
            LOG.info("PayPulse stopped at JVM shutdown");
        } catch (Exception e) {
            LOG.warn("Stopping on JVM shutdown did not finish cleanly: {}", e.toString());
        }
    }

    /** Reached after Platform.exit(); if the window was not closed through exit(), close here. */
    void stopFromToolkit() {
        if (!exiting.get()) {
            try {
                connection.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
            }
        }
    }
}

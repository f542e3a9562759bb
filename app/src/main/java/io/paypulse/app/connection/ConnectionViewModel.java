package io.paypulse.app.connection;

import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.app.session.Session;
import io.paypulse.app.session.SessionFactory;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start/stop of the pipeline connection. Commands are called on the FX thread and return at once;
 * the blocking work (broker start, close) runs on {@code background}, a single thread, so starts
 * and stops run in the order asked. Results come back through {@code fx}. Starting while starting
 * or running, and stopping while stopped, do nothing.
 */
public final class ConnectionViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionViewModel.class);

    public enum Status { STOPPED, STARTING, RUNNING, STOPPING }

    /** Builds the request from the user's choices; throws with a plain sentence when they are wrong. */
    @FunctionalInterface
    public interface Requests {
        ConnectionRequest build(ConnectionMode mode, String bootstrapServers, String clientConfigFile,
                                String inlineProperties);
    }

    private final SessionFactory factory;
    private final Requests requests;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;

    private final ObjectProperty<ConnectionMode> mode = new SimpleObjectProperty<>(ConnectionMode.EMBEDDED);
    private final StringProperty bootstrapServers = new SimpleStringProperty("localhost:9092");
    private final StringProperty clientProperties = new SimpleStringProperty("");
    private final StringProperty clientConfigFile = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.STOPPED);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("Stopped. Press Start to run the pipeline.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    /** The open session as the background thread sees it (the property above is the FX view of it). */
    private final AtomicReference<Session> live = new AtomicReference<>();
    private final BooleanBinding canStart = Bindings.createBooleanBinding(
            () -> status.get() == Status.STOPPED && mode.get() != null, status, mode);
    private final BooleanBinding canStop = status.isEqualTo(Status.RUNNING);

    public ConnectionViewModel(SessionFactory factory, Requests requests, Executor background, Executor fx, Clock clock) {
        this.factory = factory;
        this.requests = requests;
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        mode.addListener((obs, old, now) -> {
            if (old != now && status.get() == Status.RUNNING) {
                stop(); // switching mode cleanly stops the old feeds
            }
        });
    }

    public void start() {
        if (status.get() != Status.STOPPED) {
            return;
        }
        error.set(null);
        ConnectionRequest request;
        try {
            request = requests.build(mode.get(), bootstrapServers.get(), clientConfigFile.get(), clientProperties.get());
        } catch (RuntimeException e) {
            LOG.warn("Cannot start: {}", e.toString());
            error.set(sentence(e));
            return;
        }
        status.set(Status.STARTING);
        progress.set(request.mode() == ConnectionMode.EMBEDDED ? "Starting…" : "Connecting…");
        long t0 = clock.millis();
        background.execute(() -> {
            try {
                Session s = factory.open(request, msg -> fx.execute(() -> progress.set(msg)));
                live.set(s);
                double seconds = (clock.millis() - t0) / 1000.0;
                fx.execute(() -> {
                    session.set(s);
                    status.set(Status.RUNNING);
                    progress.set(String.format("Running: %s (ready in %.1f s)", s.description(), seconds));
                });
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: a broken installation (missing jar) must not leave the UI "Starting…" forever.
                LOG.warn("Start failed: {}", e.toString(), e);
                fx.execute(() -> {
                    status.set(Status.STOPPED);
                    error.set(sentence(e));
                    progress.set("Stopped.");
                });
            }
        });
    }

    public void stop() {
        if (status.get() != Status.RUNNING) {
            return;
        }
        status.set(Status.STOPPING);
        session.set(null);
        progress.set("Stopping…");
        long t0 = clock.millis();
        background.execute(() -> {
            closeLive();
            double seconds = (clock.millis() - t0) / 1000.0;
            fx.execute(() -> {
                status.set(Status.STOPPED);
                progress.set(String.format("Stopped in %.1f s.", seconds));
            });
        });
    }

    /**
     * Closes whatever is open or being opened, after any queued start or stop; for window close.
     * The future completes on the background thread.
     */
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.runAsync(this::closeLive, background);
    }

    private void closeLive() {
        Session s = live.getAndSet(null);
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the session failed: {}", e.toString(), e);
            }
        }
    }

    public void dismissError() {
        error.set(null);
    }

    /** The user-facing sentence of a failure: our exceptions carry one; others get a generic one. */
    static String sentence(Throwable e) {
        if (e instanceof LinkageError) {
            return "Part of PayPulse could not be loaded (" + e.getMessage()
                    + "); start the app with `make run` and see the log for details.";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "The pipeline could not start (" + e.getClass().getSimpleName() + "); see the log for details.";
        }
        return m;
    }

    public ObjectProperty<ConnectionMode> modeProperty() {
        return mode;
    }

    public StringProperty bootstrapServersProperty() {
        return bootstrapServers;
    }

    /** Inline client properties (Properties format), for non-secret settings. */
    public StringProperty clientPropertiesProperty() {
        return clientProperties;
    }

    /** Path of a Kafka client properties file read at connect time, or empty. */
    public StringProperty clientConfigFileProperty() {
        return clientConfigFile;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public BooleanBinding canStopBinding() {
        return canStop;
    }
}

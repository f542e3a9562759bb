package io.paypulse.app.stack;

import io.paypulse.stack.ContainerStatus;
import io.paypulse.stack.Health;
import io.paypulse.stack.Stack;
import io.paypulse.stack.StackEvent;
import io.paypulse.stack.StackException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stack tab: the compose project's containers, whole-stack and per-container commands, and
 * one container's log.
 *
 * <p>Threads: commands are called on the FX thread and return at once; every Docker call runs on
 * {@code background} (one thread, so commands run in the order asked). Rows change only on
 * {@code fx}. Docker events (on a Docker client thread) re-inspect the one container they are
 * about; nothing polls. Log lines go into a bounded {@link LogBuffer}; the app's ticker takes
 * {@link #logSnapshot()} off the FX thread and hands it to {@link #render(String)}, which also
 * refreshes the uptimes.
 */
public final class StackViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(StackViewModel.class);
    static final int LOG_TAIL = 500;
    static final int LOG_MAX_LINES = 5_000;

    private final Stack stack;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;

    private final Map<String, ContainerStatus> containers = new LinkedHashMap<>(); // FX thread only
    private final ObservableList<StackRow> rows = FXCollections.observableArrayList();
    private final ObservableSet<String> pending = FXCollections.observableSet();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final BooleanBinding anyRunning = Bindings.createBooleanBinding(
            () -> rows.stream().anyMatch(StackRow::running), rows);
    private final BooleanBinding canStartStack = busy.not();
    private final BooleanBinding canStopStack = busy.not().and(anyRunning);

    private final ReadOnlyStringWrapper logTarget = new ReadOnlyStringWrapper("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper logText = new ReadOnlyStringWrapper("");
    private final LogBuffer logs = new LogBuffer(LOG_MAX_LINES);
    private volatile String filterNow = "";
    private String logContainerId; // FX thread only

    private final AtomicReference<Closeable> events = new AtomicReference<>();
    private final AtomicReference<Closeable> logStream = new AtomicReference<>();
    private final AtomicBoolean activating = new AtomicBoolean();

    public StackViewModel(Stack stack, Executor background, Executor fx, Clock clock) {
        this.stack = stack;
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        filter.addListener((o, a, f) -> filterNow = f == null ? "" : f);
        follow.addListener((o, a, b) -> reopenLogs());
        timestamps.addListener((o, a, b) -> reopenLogs());
    }

    public String endpoint() {
        return stack.endpoint();
    }

    public String project() {
        return stack.project();
    }

    /**
     * Subscribes to Docker events and lists the containers, once; again after a failure. Called
     * when the tab first shows and by Refresh.
     */
    public void activate() {
        if (connected.get() || !activating.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                subscribe();
                List<ContainerStatus> now = stack.status();
                fx.execute(() -> {
                    connected.set(true);
                    error.set(null);
                    replaceAll(now);
                });
            } catch (StackException e) {
                LOG.info("Docker stack unavailable: {}", e.getMessage());
                fx.execute(() -> {
                    connected.set(false);
                    error.set(e.getMessage());
                });
            } finally {
                activating.set(false);
            }
        });
    }

    /** Lists again (and subscribes if not yet). */
    public void refresh() {
        if (!connected.get()) {
            activate();
            return;
        }
        run("refresh", () -> {
            List<ContainerStatus> now = stack.status();
            fx.execute(() -> replaceAll(now));
        });
    }

    private void subscribe() {
        if (events.get() == null) {
            events.set(stack.events(this::onEvent, this::onEventsFailed));
        }
    }

    /** On a Docker client thread. */
    private void onEvent(StackEvent e) {
        if (e.removed()) {
            fx.execute(() -> remove(e.containerId()));
            return;
        }
        background.execute(() -> {
            try {
                Optional<ContainerStatus> now = stack.inspect(e.containerId());
                fx.execute(() -> {
                    now.ifPresentOrElse(this::put, () -> remove(e.containerId()));
                    if ("start".equals(e.action()) && e.containerId().equals(logContainerId) && follow.get()) {
                        logs.add("--- " + now.map(this::label).orElse("container") + " started ---");
                        reopenLogs(0);
                    }
                });
            } catch (StackException ex) {
                fx.execute(() -> error.set(ex.getMessage()));
            }
        });
    }

    private void onEventsFailed(StackException e) {
        Closeable c = events.getAndSet(null);
        closeQuietly(c);
        fx.execute(() -> {
            connected.set(false);
            error.set(e.getMessage());
        });
    }

    /** compose up -d, then wait for health; progress sentences as it goes. */
    public void startStack() {
        wholeStack("Starting the stack…", () -> stack.startStack(this::progress));
    }

    /** compose stop: containers and data stay. */
    public void stopStack() {
        wholeStack("Stopping the stack…", () -> stack.stopStack(this::progress));
    }

    private void wholeStack(String first, Runnable op) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        progress.set(first);
        background.execute(() -> {
            try {
                op.run();
                subscribe();
                List<ContainerStatus> now = stack.status();
                fx.execute(() -> {
                    connected.set(true);
                    replaceAll(now);
                });
            } catch (StackException e) {
                LOG.warn("Stack step failed: {}", e.getMessage(), e);
                fx.execute(() -> {
                    error.set(e.getMessage());
                    progress.set("");
                });
            } catch (RuntimeException e) {
                LOG.warn("Stack step failed", e);
                fx.execute(() -> {
                    error.set("The stack step failed (" + e.getClass().getSimpleName() + "); see the log for details.");
                    progress.set("");
                });
            } finally {
                fx.execute(() -> busy.set(false));
            }
        });
    }

    private void progress(String line) {
        fx.execute(() -> progress.set(line));
    }

    public void startContainer(String id) {
        container(id, "start", () -> stack.start(id));
    }

    public void stopContainer(String id) {
        container(id, "stop", () -> stack.stop(id));
    }

    public void restartContainer(String id) {
        container(id, "restart", () -> stack.restart(id));
    }

    private void container(String id, String what, Runnable op) {
        if (pending.contains(id)) {
            return;
        }
        pending.add(id);
        error.set(null);
        String service = Optional.ofNullable(containers.get(id)).map(this::label).orElse(id);
        background.execute(() -> {
            try {
                op.run();
                // Events update the row too; inspecting now makes the result visible even if an event is late.
                Optional<ContainerStatus> now = stack.inspect(id);
                fx.execute(() -> {
                    now.ifPresent(this::put);
                    progress.set(service + ": " + what + " done");
                });
            } catch (StackException e) {
                fx.execute(() -> error.set(e.getMessage()));
            } finally {
                fx.execute(() -> pending.remove(id));
            }
        });
    }

    public boolean canStart(StackRow row) {
        return row != null && !busy.get() && !pending.contains(row.id()) && !row.running();
    }

    public boolean canStop(StackRow row) {
        return row != null && !busy.get() && !pending.contains(row.id()) && row.running();
    }

    public boolean canRestart(StackRow row) {
        return canStop(row);
    }

    // --- logs ---

    /** Shows the log of this container (the last {@value #LOG_TAIL} lines, then following if on). */
    public void showLogs(String id) {
        if (id == null || id.equals(logContainerId)) {
            return;
        }
        logContainerId = id;
        logTarget.set(Optional.ofNullable(containers.get(id)).map(c -> label(c) + " (" + c.name() + ")").orElse(id));
        reopenLogs();
    }

    private void reopenLogs() {
        reopenLogs(LOG_TAIL);
    }

    private void reopenLogs(int tail) {
        String id = logContainerId;
        if (id == null) {
            return;
        }
        boolean f = follow.get();
        boolean ts = timestamps.get();
        background.execute(() -> {
            closeQuietly(logStream.getAndSet(null));
            if (tail > 0) {
                logs.clear();
            }
            try {
                logStream.set(stack.logs(id, f, ts, tail, logs::add));
            } catch (StackException e) {
                fx.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    /** Off the FX thread (the ticker): the filtered log text, or null if unchanged. */
    public String logSnapshot() {
        return logs.snapshotIfChanged(filterNow);
    }

    /** On the FX thread, each tick: the log text if it changed, and fresh uptimes. */
    public void render(String logSnapshot) {
        if (logSnapshot != null) {
            logText.set(logSnapshot);
        }
        rebuildRows();
    }

    /** Writes the shown (filtered) log lines to a file, off the FX thread. */
    public void saveLogs(Path file) {
        String text = logs.text(filterNow);
        background.execute(() -> {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                long n = text.isEmpty() ? 0 : text.lines().count();
                fx.execute(() -> progress.set("Saved " + n + " log lines to " + file));
            } catch (IOException e) {
                fx.execute(() -> error.set("Could not write " + file + " (" + e.getMessage() + "): choose another file."));
            }
        });
    }

    // --- rows (FX thread) ---

    private void replaceAll(List<ContainerStatus> now) {
        containers.clear();
        now.forEach(c -> containers.put(c.id(), c));
        rebuildRows();
    }

    private void put(ContainerStatus c) {
        containers.put(c.id(), c);
        rebuildRows();
    }

    private void remove(String id) {
        if (containers.remove(id) != null) {
            rebuildRows();
        }
    }

    /** Containers per service: more than one for a scaled-out service. */
    private int replicas(String service) {
        return (int) containers.values().stream().filter(c -> c.service().equals(service)).count();
    }

    /** "processor-2" for a replica of a scaled-out service, else the service. */
    private String label(ContainerStatus c) {
        return StackRow.label(c, replicas(c.service()));
    }

    private void rebuildRows() {
        var now = clock.instant();
        List<StackRow> next = new ArrayList<>();
        containers.values().stream().sorted(Comparator.comparing(ContainerStatus::service)
                .thenComparingInt(StackRow::replicaOf).thenComparing(ContainerStatus::name))
                .forEach(c -> next.add(StackRow.of(c, now, replicas(c.service()))));
        if (next.size() == rows.size()) {
            // Same containers in the same order (the usual case: a state or uptime changed): replace
            // only what changed, so the table keeps its selection and scroll position.
            boolean sameIds = true;
            for (int i = 0; i < next.size() && sameIds; i++) {
                sameIds = next.get(i).id().equals(rows.get(i).id());
            }
            if (sameIds) {
                for (int i = 0; i < next.size(); i++) {
                    if (!next.get(i).equals(rows.get(i))) {
                        rows.set(i, next.get(i));
                    }
                }
                return;
            }
        }
        rows.setAll(next);
    }

    /** Ends the event and log streams; for window close. Runs on the background thread. */
    public void close() {
        background.execute(() -> {
            closeQuietly(logStream.getAndSet(null));
            closeQuietly(events.getAndSet(null));
        });
    }

    private void run(String what, Runnable op) {
        background.execute(() -> {
            try {
                op.run();
            } catch (StackException e) {
                fx.execute(() -> error.set(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Stack {} failed", what, e);
                fx.execute(() -> error.set("Docker " + what + " failed (" + e.getClass().getSimpleName()
                        + "); see the log for details."));
            }
        });
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a Docker stream: {}", e.toString());
            }
        }
    }

    public void dismissError() {
        error.set(null);
    }

    /** For the health column: a word and whether it deserves attention. */
    public static String healthText(Health h) {
        return h == Health.NONE ? "—" : h.label();
    }

    public ObservableList<StackRow> rows() {
        return rows;
    }

    public ObservableSet<String> pending() {
        return pending;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public BooleanBinding canStartStackBinding() {
        return canStartStack;
    }

    public BooleanBinding canStopStackBinding() {
        return canStopStack;
    }

    public ReadOnlyStringProperty logTargetProperty() {
        return logTarget.getReadOnlyProperty();
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty logTextProperty() {
        return logText.getReadOnlyProperty();
    }
}

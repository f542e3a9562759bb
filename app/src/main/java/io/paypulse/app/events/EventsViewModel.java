package io.paypulse.app.events;

import io.paypulse.config.ConfigException;
import io.paypulse.event.Money;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.files.FileModes;
import io.paypulse.investigate.Dollars;
import io.paypulse.investigate.EventFilter;
import io.paypulse.investigate.EventsException;
import io.paypulse.investigate.EventsQuery;
import io.paypulse.investigate.Masker;
import io.paypulse.investigate.QueryStats;
import io.paypulse.schema.SchemaRegistryException;
import io.paypulse.sink.ParsedRows;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of one Events window: the request's window and criteria, the search fields, the
 * rows shown (masked copies while {@link #maskedProperty()} is on), Live tail, Pause, Export.
 *
 * <p>Threads: properties and {@link #rows()} belong to the FX thread. Each search runs one
 * {@link EventsQuery} on {@code reader} (a thread of its own: a live tail holds it until stopped); its
 * batches wait in a queue that {@link #drain()} empties on the window's tick thread and {@link #render}
 * shows in one FX task, so a fast tail costs the FX thread one list append per tick. A newer search
 * stops the older query and its late batches are dropped (generation numbers).
 */
public final class EventsViewModel implements AutoCloseable {

    /** Rows kept; beyond, the oldest go (a live tail runs for hours). */
    static final int MAX_ROWS = 20_000;

    private final EventsRequest request;
    private final EventsSource source;
    private final Executor reader;
    private final Executor export;
    private final Executor fx;
    private final ZoneId zone;
    private final Masker masker = Masker.random(); // one per window: tags stable while it is open

    private final ArrayDeque<ParsedEvent> events = new ArrayDeque<>(); // FX thread; real values
    private final ObservableList<ParsedEvent> rows = FXCollections.observableArrayList();
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty order = new SimpleStringProperty("");
    private final StringProperty id = new SimpleStringProperty("");
    private final StringProperty minAmount = new SimpleStringProperty("");
    private final StringProperty maxAmount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObjectProperty<PaymentType> type = new SimpleObjectProperty<>();
    private final ObjectProperty<Boolean> failed = new SimpleObjectProperty<>();
    private final BooleanProperty live = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty masked = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");

    private final AtomicInteger generation = new AtomicInteger();
    private final ConcurrentLinkedQueue<Batch> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong droppedWhilePaused = new AtomicLong();
    private volatile EventsQuery running;
    private volatile QueryStats stats = QueryStats.NONE;
    private volatile boolean pausedFlag;
    private Phase phase = Phase.READING; // FX thread
    private String problem;
    private long droppedRows;

    private enum Phase { READING, DONE, LIVE, FAILED }

    /** Events of one poll of the query of {@code generation}. */
    record Batch(int generation, List<ParsedEvent> events) {
    }

    /** What the tick hands to the FX thread. */
    record Drained(List<Batch> batches, QueryStats stats, long waiting) {
    }

    public EventsViewModel(EventsRequest request, EventsSource source, Executor reader, Executor export, Executor fx,
            ZoneId zone) {
        this.request = request;
        this.source = source;
        this.reader = reader;
        this.export = export;
        this.fx = fx;
        this.zone = zone;
        EventFilter f = request.filter();
        user.set(f.user() == null ? "" : f.user());
        order.set(f.order() == null ? "" : f.order());
        id.set(f.id() == null ? "" : f.id());
        minAmount.set(f.minCents() == null ? "" : Money.format(f.minCents()));
        maxAmount.set(f.maxCents() == null ? "" : Money.format(f.maxCents()));
        reason.set(f.reason() == null ? "" : f.reason());
        type.set(f.type());
        failed.set(f.failed());
        masked.addListener((o, a, on) -> showAgain());
        paused.addListener((o, a, p) -> {
            pausedFlag = p;
            updateStatus(0);
        });
        live.addListener((o, a, on) -> {
            if (on) {
                search();
            } else {
                stopTail();
            }
        });
        updateTitle();
    }

    /** Runs the query of the request with the search fields; stops the one running. FX thread. */
    public void search() {
        EventFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException e) {
            phase = Phase.FAILED;
            problem = e.getMessage();
            updateStatus(0);
            return;
        }
        int gen = generation.incrementAndGet();
        EventsQuery previous = running;
        if (previous != null) {
            previous.stop();
        }
        events.clear();
        rows.clear();
        droppedRows = 0;
        stats = QueryStats.NONE;
        phase = live.get() ? Phase.LIVE : Phase.READING;
        problem = null;
        updateStatus(0);
        boolean follow = live.get();
        reader.execute(() -> run(gen, filter, follow));
    }

    /** Live tail off: the tail stops, its rows stay. */
    private void stopTail() {
        render(drain());
        generation.incrementAndGet();
        EventsQuery q = running;
        if (q != null) {
            q.stop();
        }
        if (phase == Phase.LIVE) {
            phase = Phase.DONE;
        }
        updateStatus(0);
    }

    /** The request's filter with the search fields over it; a live tail has no end. */
    EventFilter filter() {
        Long min = amount("Min amount", minAmount.get());
        Long max = amount("Max amount", maxAmount.get());
        EventFilter f = request.filter();
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("Min amount is above max amount.");
        }
        f = new EventFilter(f.from(), live.get() ? null : f.to(), user.get(), order.get(), id.get(), min, max,
                type.get(), failed.get(), reason.get());
        return f;
    }

    private static Long amount(String field, String text) {
        try {
            return Dollars.cents(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + text.strip() + "' is not " + Dollars.ALLOWED + ".");
        }
    }

    private void run(int gen, EventFilter filter, boolean follow) {
        if (gen != generation.get()) {
            return;
        }
        try (EventsQuery q = source.open()) {
            running = q;
            if (gen != generation.get()) {
                return; // a newer search came while this one opened
            }
            Consumer<QueryStats> progress = s -> {
                if (gen == generation.get()) {
                    stats = s; // an older query's last poll must not show over the new one's counts
                }
            };
            QueryStats end = follow
                    ? q.follow(filter, batch -> offer(gen, batch), progress)
                    : q.read(filter, batch -> offer(gen, batch), progress);
            fx.execute(() -> finished(gen, end));
        } catch (EventsException | ConfigException | SchemaRegistryException e) {
            fx.execute(() -> failed(gen, e.getMessage()));
        } catch (RuntimeException e) {
            fx.execute(() -> failed(gen, "Reading the events failed: " + e));
        } finally {
            running = null;
        }
    }

    private void offer(int gen, List<ParsedEvent> batch) {
        pending.add(new Batch(gen, batch));
        long waiting = pendingEvents.addAndGet(batch.size());
        // Paused for long: keep the newest MAX_ROWS waiting, count what goes.
        while (pausedFlag && waiting > MAX_ROWS) {
            Batch oldest = pending.poll();
            if (oldest == null) {
                break;
            }
            waiting = pendingEvents.addAndGet(-oldest.events().size());
            droppedWhilePaused.addAndGet(oldest.events().size());
        }
    }

    /** Tick thread: what arrived since the last tick (nothing while paused). */
    Drained drain() {
        if (pausedFlag) {
            return new Drained(List.of(), stats, pendingEvents.get());
        }
        List<Batch> out = new ArrayList<>();
        Batch b;
        while ((b = pending.poll()) != null) {
            pendingEvents.addAndGet(-b.events().size());
            out.add(b);
        }
        return new Drained(out, stats, 0);
    }

    /** FX thread: appends what was drained. */
    void render(Drained d) {
        int gen = generation.get();
        List<ParsedEvent> added = new ArrayList<>();
        for (Batch b : d.batches()) {
            if (b.generation() == gen) {
                added.addAll(b.events());
            }
        }
        if (!added.isEmpty()) {
            events.addAll(added);
            List<ParsedEvent> shown = new ArrayList<>(added.size());
            added.forEach(e -> shown.add(show(e)));
            rows.addAll(shown);
            int over = events.size() - MAX_ROWS;
            if (over > 0) {
                for (int i = 0; i < over; i++) {
                    events.pollFirst();
                }
                rows.remove(0, over);
                droppedRows += over;
            }
        }
        updateStatus(d.waiting());
    }

    private void finished(int gen, QueryStats end) {
        if (gen != generation.get()) {
            return;
        }
        // Batches still queued belong to this query: show them before saying it is done.
        render(drain());
        if (phase != Phase.FAILED) {
            phase = Phase.DONE;
        }
        stats = end;
        updateStatus(pendingEvents.get());
    }

    private void failed(int gen, String message) {
        if (gen != generation.get()) {
            return;
        }
        phase = Phase.FAILED;
        problem = message;
        live.set(false);
        updateStatus(0);
    }

    private void updateStatus(long waiting) {
        QueryStats s = stats;
        String text = switch (phase) {
            case FAILED -> problem;
            case READING -> "Reading… " + s.summary() + ".";
            case DONE -> s.summary() + (droppedRows > 0 ? String.format(Locale.ROOT, "; showing the latest %,d", rows.size()) : "") + ".";
            case LIVE -> "Live: " + s.summary() + (droppedRows > 0 ? String.format(Locale.ROOT, "; showing the latest %,d", rows.size()) : "") + ".";
        };
        if (paused.get() && phase != Phase.FAILED) {
            long dropped = droppedWhilePaused.get();
            text = String.format(Locale.ROOT, "Paused: %,d new event%s waiting%s. ", waiting, waiting == 1 ? "" : "s",
                    dropped > 0 ? String.format(Locale.ROOT, " (%,d older ones dropped)", dropped) : "") + text;
        }
        status.set(text);
    }

    /** A user id as the window shows it: its tag while masked, blank stays blank. */
    public String shownUser(String userId) {
        return userId == null || userId.isBlank() || !masked.get() ? userId
                : masker.user(EventFilter.ALL.withUser(userId).user()); // 4711 is user_004711: the same tag
    }

    private ParsedEvent show(ParsedEvent e) {
        return masked.get() ? masker.apply(e) : e;
    }

    private void showAgain() {
        List<ParsedEvent> shown = new ArrayList<>(events.size());
        events.forEach(e -> shown.add(show(e)));
        rows.setAll(shown);
        updateTitle();
    }

    private void updateTitle() {
        String subject = request.subject();
        title.set(request.title(zone, subject != null && masked.get() ? masker.user(subject) : subject));
    }

    /** Writes the rows shown (masked when the mask is on) as the parsed CSV does, off the FX thread. */
    public void exportCsv(Path file) {
        List<ParsedEvent> shown = List.copyOf(rows);
        boolean wasMasked = masked.get();
        export.execute(() -> {
            String message;
            try {
                ParsedRows.write(file, shown, FileModes.PRIVATE);
                message = String.format(Locale.ROOT, "Exported %,d event%s to %s%s.", shown.size(),
                        shown.size() == 1 ? "" : "s", file, wasMasked ? " (user ids and IP addresses masked)" : "");
            } catch (IOException | RuntimeException e) {
                message = "Could not export to " + file + ": " + e.getMessage() + ".";
            }
            String m = message;
            fx.execute(() -> status.set(m));
        });
    }

    /** Stops the query. Any thread. */
    @Override
    public void close() {
        generation.incrementAndGet();
        EventsQuery q = running;
        if (q != null) {
            q.stop();
        }
    }

    public ObservableList<ParsedEvent> rows() {
        return rows;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty orderProperty() {
        return order;
    }

    public StringProperty idProperty() {
        return id;
    }

    public StringProperty minAmountProperty() {
        return minAmount;
    }

    public StringProperty maxAmountProperty() {
        return maxAmount;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ObjectProperty<PaymentType> typeProperty() {
        return type;
    }

    /** true = failed only, false = successful only, null = both. */
    public ObjectProperty<Boolean> failedProperty() {
        return failed;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty maskedProperty() {
        return masked;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}

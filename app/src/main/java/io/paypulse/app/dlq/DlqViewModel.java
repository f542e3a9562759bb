package io.paypulse.app.dlq;

import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.DlqFilter;
import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.DlqSummary;
import io.paypulse.dlq.RedrivePlan;
import io.paypulse.dlq.Redriver;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Dead letters tab: counts per category and per minute, the newest records
 * (of the category filter), the selected record's detail, and re-drive of a selection or of everything
 * the filter matches. Reads and re-drives run on {@code background}; state changes only on {@code fx}.
 * Never touches a Node.
 */
public final class DlqViewModel {

    /** Records shown (newest); the counts cover them all. */
    static final int ROWS = 1_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Dead letters of one category in one minute, for the per-minute chart. */
    public record MinuteCount(Instant minute, DeadLetterCategory category, long count) {
    }

    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<DlqRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MinuteCount> minutes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Map<DeadLetterCategory, Long>> counts =
            new ReadOnlyObjectWrapper<>(Collections.emptyMap());
    private final ObjectProperty<DeadLetterCategory> category = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<DlqDetail> detail = new ReadOnlyObjectWrapper<>(DlqDetail.NONE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private volatile DlqClients clients;
    /** The outcome of the latest re-drive, kept in the status across refreshes. */
    private String note = "";

    public DlqViewModel(Executor background, Executor fx, Clock clock) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        this.zone = clock.getZone();
        category.addListener((o, a, b) -> refresh());
    }

    /** The session's clients, or null when disconnected (the tab then empties). Call on the FX thread. */
    public void attach(DlqClients clients) {
        this.clients = clients;
        connected.set(clients != null);
        rows.clear();
        minutes.clear();
        counts.set(Collections.emptyMap());
        detail.set(DlqDetail.NONE);
        problem.set("");
        note = "";
        status.set(clients == null ? "Start or connect to a pipeline to see its dead letters." : "");
        if (clients != null) {
            refresh();
        }
    }

    /** Reads the DLQ again (in the background) with the category filter. */
    public void refresh() {
        DlqClients c = clients;
        if (c == null || busy.get()) {
            return;
        }
        busy.set(true);
        DlqFilter filter = new DlqFilter(null, category.get());
        background.execute(() -> {
            try (DeadLetterQueue dlq = c.reader()) {
                DlqSummary s = dlq.summary(filter, ROWS);
                fx.execute(() -> show(c, s));
            } catch (RuntimeException e) {
                fx.execute(() -> failed(c, "Reading the dead letters failed: " + e.getMessage()));
            }
        });
    }

    private void show(DlqClients c, DlqSummary s) {
        busy.set(false);
        if (c != clients) {
            return; // a new session in the meantime
        }
        problem.set("");
        counts.set(s.byCategory());
        List<MinuteCount> m = new ArrayList<>();
        s.byMinute().forEach((minute, byCategory) -> byCategory.forEach((cat, n) -> m.add(new MinuteCount(minute, cat, n))));
        minutes.setAll(m);
        List<DlqRow> r = new ArrayList<>();
        List<DlqRecord> records = s.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            r.add(DlqRow.of(records.get(i), zone)); // newest first
        }
        rows.setAll(r);
        String of = category.get() == null ? "" : " of category " + category.get().word();
        status.set(s.total() + (s.total() == 1 ? " dead letter" : " dead letters")
                + (category.get() == null ? "" : ", " + s.matching() + of)
                + (r.size() < s.matching() ? " (newest " + r.size() + " shown)" : "")
                + " · read " + CLOCK.format(clock.instant().atZone(zone)) + (note.isEmpty() ? "" : " · " + note));
    }

    private void failed(DlqClients c, String sentence) {
        busy.set(false);
        if (c == clients) {
            problem.set(sentence);
        }
    }

    /** Shows {@code row}'s detail (null: none). */
    public void select(DlqRow row) {
        detail.set(row == null ? DlqDetail.NONE : DlqDetail.of(row.record()));
    }

    /** What re-driving {@code selected} would send (no I/O: for the confirmation). */
    public RedrivePlan planSelected(List<DlqRow> selected) {
        return RedrivePlan.of(selected.stream().map(DlqRow::record).toList());
    }

    /** Counts (in the background) what re-driving everything the filter matches would send, then hands the plan over on the FX thread. */
    public void planMatching(Consumer<RedrivePlan> onReady) {
        DlqClients c = clients;
        if (c == null || busy.get()) {
            return;
        }
        busy.set(true);
        DlqFilter filter = new DlqFilter(null, category.get());
        background.execute(() -> {
            try (DeadLetterQueue dlq = c.reader()) {
                RedrivePlan plan = RedrivePlan.matching(dlq, filter);
                fx.execute(() -> {
                    busy.set(false);
                    onReady.accept(plan);
                });
            } catch (RuntimeException e) {
                fx.execute(() -> failed(c, "Counting the dead letters to re-drive failed: " + e.getMessage()));
            }
        });
    }

    /** Sends {@code plan} (confirmed by the user) to the raw topic in the background, then refreshes. */
    public void redrive(RedrivePlan plan) {
        DlqClients c = clients;
        if (c == null || busy.get() || plan.count() == 0) {
            return;
        }
        busy.set(true);
        status.set("Re-driving " + plan.what() + " to " + Topics.RAW + "…");
        background.execute(() -> {
            try (DeadLetterQueue dlq = c.reader(); Redriver redriver = c.redriver()) {
                int sent = plan.execute(dlq, redriver);
                fx.execute(() -> {
                    busy.set(false);
                    problem.set("");
                    note = "re-drove " + sent + (sent == 1 ? " dead letter" : " dead letters") + " to " + Topics.RAW
                            + (plan.skipped() == 0 ? "" : "; " + plan.skipped() + " could not be re-driven");
                    status.set(note);
                    refresh();
                });
            } catch (RuntimeException e) {
                fx.execute(() -> failed(c, "Re-driving failed: " + e.getMessage()));
            }
        });
    }

    public ObservableList<DlqRow> rows() {
        return rows;
    }

    public ObservableList<MinuteCount> minutes() {
        return minutes;
    }

    public ReadOnlyObjectProperty<Map<DeadLetterCategory, Long>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The category filter; null for all. */
    public ObjectProperty<DeadLetterCategory> categoryProperty() {
        return category;
    }

    public ReadOnlyObjectProperty<DlqDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }
}

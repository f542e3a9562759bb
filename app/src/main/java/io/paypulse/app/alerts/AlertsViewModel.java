package io.paypulse.app.alerts;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert feed: one row per alert bucket (the engine's dedup key), filtered by severity and
 * status; acknowledge, snooze a rule for N minutes, export to CSV, and a notification text when a
 * new CRITICAL alert starts firing. Fed with the alert list of each tick on the FX thread.
 * Acknowledgements and snoozes are handed to a saver (on the background executor) so they survive
 * a restart of the app.
 */
public final class AlertsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsViewModel.class);
    /** Alerts older than this when first seen (history read at connect) do not notify. */
    static final Duration FRESH = Duration.ofMinutes(3);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ISO_INSTANT;

    private final Clock clock;
    private final Executor background;
    private final Executor fx;

    private final ObservableList<AlertRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Severity> severityFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<AlertRow.Status> statusFilter = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper notification = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper notificationCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper();

    /** Bounded: the oldest acknowledgements go first (their alerts are long gone from the feed). */
    static final int MAX_ACKNOWLEDGED = 2_000;

    private final Consumer<AlertMarks> saver;
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final Map<String, Instant> snoozedUntil = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private List<Alert> latest = List.of();

    public AlertsViewModel(Clock clock, Executor background, Executor fx) {
        this(clock, background, fx, AlertMarks.none(), marks -> { });
    }

    /**
     * @param marks what was acknowledged and snoozed before (snoozes already over are dropped)
     * @param saver stores the marks after each change; runs on {@code background}
     */
    public AlertsViewModel(Clock clock, Executor background, Executor fx, AlertMarks marks, Consumer<AlertMarks> saver) {
        this.clock = clock;
        this.background = background;
        this.fx = fx;
        this.saver = saver;
        acknowledged.addAll(marks.acknowledged());
        Instant now = clock.instant();
        marks.snoozedUntil().forEach((rule, until) -> {
            if (now.isBefore(until)) {
                snoozedUntil.put(rule, until);
            }
        });
        severityFilter.addListener((o, a, b) -> rebuild());
        statusFilter.addListener((o, a, b) -> rebuild());
    }

    /** One tick: the alert buckets, newest first. Skips work when the list is the same object. */
    public void render(List<Alert> alerts) {
        if (alerts == latest) {
            return;
        }
        latest = alerts;
        Instant now = clock.instant();
        for (Alert a : alerts) {
            if (seen.add(a.id()) && a.severity() == Severity.CRITICAL && a.state() == AlertState.FIRING
                    && !snoozed(a.rule(), now) && isFresh(a, now)) {
                notification.set("CRITICAL: " + a.message());
                notificationCount.set(notificationCount.get() + 1);
            }
        }
        if (seen.size() > 4 * io.paypulse.app.feed.LiveData.MAX_ALERTS) {
            seen.retainAll(alerts.stream().map(Alert::id).toList());
        }
        rebuild();
    }

    private static boolean isFresh(Alert a, Instant now) {
        Instant t = a.lastSeen() != null ? a.lastSeen() : a.windowEnd();
        return t == null || !t.isBefore(now.minus(FRESH));
    }

    private boolean snoozed(String rule, Instant now) {
        Instant until = snoozedUntil.get(rule);
        return until != null && now.isBefore(until);
    }

    private AlertRow.Status statusOf(Alert a, Instant now) {
        if (a.state() == AlertState.RESOLVED) {
            return AlertRow.Status.RESOLVED;
        }
        if (acknowledged.contains(a.id())) {
            return AlertRow.Status.ACKNOWLEDGED;
        }
        if (snoozed(a.rule(), now)) {
            return AlertRow.Status.SNOOZED;
        }
        return AlertRow.Status.FIRING;
    }

    private void rebuild() {
        Instant now = clock.instant();
        snoozedUntil.values().removeIf(until -> !now.isBefore(until));
        List<AlertRow> out = new ArrayList<>(latest.size());
        for (Alert a : latest) {
            AlertRow row = new AlertRow(a, statusOf(a, now));
            if ((severityFilter.get() == null || severityFilter.get() == a.severity())
                    && (statusFilter.get() == null || statusFilter.get() == row.status())) {
                out.add(row);
            }
        }
        totalCount.set(latest.size());
        if (!out.equals(rows)) {
            rows.setAll(out);
        }
    }

    public void acknowledge(String alertId) {
        if (alertId != null && acknowledged.add(alertId)) {
            while (acknowledged.size() > MAX_ACKNOWLEDGED) {
                acknowledged.remove(acknowledged.iterator().next());
            }
            rebuild();
            saveMarks();
        }
    }

    /** Snoozes every alert of the rule for {@code minutes}: shown as snoozed, no notification. */
    public void snooze(String rule, int minutes) {
        if (rule == null || minutes <= 0) {
            return;
        }
        snoozedUntil.put(rule, clock.instant().plus(Duration.ofMinutes(minutes)));
        message.set("Rule " + rule + " snoozed for " + minutes + " min.");
        rebuild();
        saveMarks();
    }

    private void saveMarks() {
        AlertMarks marks = new AlertMarks(List.copyOf(acknowledged), Map.copyOf(snoozedUntil));
        background.execute(() -> saver.accept(marks));
    }

    public void dismissNotification() {
        notification.set(null);
    }

    /** Writes the rows as shown (filters applied) to {@code file} in the background. */
    public void exportCsv(Path file) {
        List<AlertRow> snapshot = List.copyOf(rows);
        background.execute(() -> {
            String result;
            try {
                writeCsv(snapshot, file);
                result = "Exported " + snapshot.size() + " alerts to " + file + ".";
            } catch (IOException e) {
                LOG.warn("Export to {} failed", file, e);
                result = "Could not write " + file + ": " + e.getMessage() + ".";
            }
            String r = result;
            fx.execute(() -> message.set(r));
        });
    }

    static void writeCsv(List<AlertRow> rows, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time,severity,rule,group,window_start,window_end,value,threshold,message,state,occurrences,id\n");
            for (AlertRow r : rows) {
                Alert a = r.alert();
                w.write(String.join(",",
                        csv(r.time() == null ? "" : CSV_TIME.format(r.time())),
                        csv(a.severity().name()),
                        csv(a.rule()),
                        csv(a.group()),
                        csv(a.windowStart() == null ? "" : CSV_TIME.format(a.windowStart())),
                        csv(a.windowEnd() == null ? "" : CSV_TIME.format(a.windowEnd())),
                        csv(number(a.value())),
                        csv(number(a.threshold())),
                        csv(a.message()),
                        csv(r.status().name()),
                        Integer.toString(a.occurrences()),
                        csv(a.id())));
                w.write("\n");
            }
        }
    }

    static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Value texts: up to two decimals, no trailing zeros. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** e.g. "62.5 > 40". */
    public static String valueVsThreshold(Alert a) {
        return number(a.value()) + " vs " + number(a.threshold());
    }

    /** Local time of day of the window, e.g. "14:03–14:04". */
    public static String window(Alert a, ZoneId zone) {
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        if (a.windowStart() == null) {
            return "";
        }
        return hm.format(a.windowStart()) + (a.windowEnd() == null ? "" : "–" + hm.format(a.windowEnd()));
    }

    public ObservableList<AlertRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ObjectProperty<Severity> severityFilterProperty() {
        return severityFilter;
    }

    public ObjectProperty<AlertRow.Status> statusFilterProperty() {
        return statusFilter;
    }

    public ReadOnlyStringProperty notificationProperty() {
        return notification.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty notificationCountProperty() {
        return notificationCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }
}

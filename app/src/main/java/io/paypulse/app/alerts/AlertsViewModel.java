package io.paypulse.app.alerts;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.fx.Numbers;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.Inhibition;
import io.paypulse.notify.Silence;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * status; acknowledge, silence (shared through the cluster), export to CSV. An inhibited WARNING
 * is folded under the CRITICAL that inhibits it. The CRITICAL banner: while any announced CRITICAL
 * alert fires, is not acknowledged and not silenced, {@link #notificationProperty()} says how many;
 * it empties when they are acknowledged ({@link #acknowledgeBanner()}) or resolved, never on a
 * timer. Fed with the alert list of each tick on the FX thread; acknowledgements are handed to a
 * saver (on the background executor) so they survive a restart of the app.
 */
public final class AlertsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsViewModel.class);
    /** Alerts last seen longer ago than this (history read at connect) do not raise the banner. */
    static final Duration FRESH = Duration.ofMinutes(3);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ISO_INSTANT;

    private final Clock clock;
    private final Executor background;
    private final Executor fx;
    private final DateTimeFormatter hourMinute;

    private final ObservableList<AlertRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Silence> silences = FXCollections.observableArrayList();
    private final ObjectProperty<Severity> severityFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<AlertRow.Status> statusFilter = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper notification = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper notificationCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper bannerCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper canSilence = new ReadOnlyBooleanWrapper();

    /** Bounded: the oldest acknowledgements go first (their alerts are long gone from the feed). */
    static final int MAX_ACKNOWLEDGED = 2_000;

    private final Consumer<AlertMarks> saver;
    private final Set<String> acknowledged = new LinkedHashSet<>();
    /** CRITICAL alerts seen firing while fresh: the ones the banner is about. */
    private final Set<String> announced = new HashSet<>();
    private final Set<String> expanded = new HashSet<>();
    private List<Alert> latest = List.of();
    private List<String> bannerIds = List.of();
    private Inhibitor inhibitor = Inhibitor.none();
    private SilenceStore store = SilenceStore.none();
    private Function<String, String> deliveredTo = id -> "";
    /** Inhibited alert id -> the id of the alert it is folded under; recomputed when the alerts change. */
    private Map<String, String> foldedUnder = Map.of();
    private String user = System.getProperty("user.name", "");

    public AlertsViewModel(Clock clock, Executor background, Executor fx) {
        this(clock, background, fx, AlertMarks.none(), marks -> { });
    }

    /**
     * @param marks what was acknowledged before
     * @param saver stores the marks after each change; runs on {@code background}
     */
    public AlertsViewModel(Clock clock, Executor background, Executor fx, AlertMarks marks, Consumer<AlertMarks> saver) {
        this.clock = clock;
        this.background = background;
        this.fx = fx;
        this.saver = saver;
        this.hourMinute = DateTimeFormatter.ofPattern("HH:mm").withZone(clock.getZone());
        acknowledged.addAll(marks.acknowledged());
        severityFilter.addListener((o, a, b) -> rebuild());
        statusFilter.addListener((o, a, b) -> rebuild());
    }

    /** One tick: the alert buckets, newest first. Also refreshes silences and delivery texts. */
    public void render(List<Alert> alerts) {
        Instant now = clock.instant();
        if (alerts != latest) {
            latest = alerts;
            foldedUnder = fold(alerts);
            List<Silence> active = activeSilences(now);
            for (Alert a : alerts) {
                if (a.severity() == Severity.CRITICAL && a.state() == AlertState.FIRING && isFresh(a, now)
                        && silencedUntil(a, active, now) == null && announced.add(a.id())) {
                    notificationCount.set(notificationCount.get() + 1);
                }
            }
            if (announced.size() > 4 * LiveData.MAX_ALERTS) {
                announced.retainAll(alerts.stream().map(Alert::id).toList());
            }
        }
        rebuild();
    }

    /** Which inhibited alerts fold under which: only under an alert still in the feed. */
    private Map<String, String> fold(List<Alert> alerts) {
        Map<String, String> out = new HashMap<>();
        Set<String> ids = new HashSet<>();
        alerts.forEach(a -> ids.add(a.id()));
        for (Alert a : alerts) {
            if (a.state() != AlertState.FIRING || a.severity() == Severity.CRITICAL) {
                continue;
            }
            try {
                inhibitor.inhibitedBy(a, alerts).map(Alert::id).filter(ids::contains)
                        .filter(p -> !p.equals(a.id())).ifPresent(p -> out.put(a.id(), p));
            } catch (RuntimeException e) {
                LOG.warn("Inhibition check failed for {}: {}", a.id(), e.toString());
            }
        }
        return out;
    }

    private static boolean isFresh(Alert a, Instant now) {
        Instant t = a.lastSeen() != null ? a.lastSeen() : a.windowEnd();
        return t == null || !t.isBefore(now.minus(FRESH));
    }

    private List<Silence> activeSilences(Instant now) {
        try {
            return store.active(now);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the silences: {}", e.toString());
            return List.of();
        }
    }

    private static Instant silencedUntil(Alert a, List<Silence> active, Instant now) {
        Instant until = null;
        for (Silence s : active) {
            if (s.matches(a, now) && (until == null || s.endsAt().isAfter(until))) {
                until = s.endsAt();
            }
        }
        return until;
    }

    private AlertRow.Status statusOf(Alert a, Instant silencedUntil) {
        if (a.state() == AlertState.RESOLVED) {
            return AlertRow.Status.RESOLVED;
        }
        if (acknowledged.contains(a.id())) {
            return AlertRow.Status.ACKNOWLEDGED;
        }
        if (silencedUntil != null) {
            return AlertRow.Status.SILENCED;
        }
        if (foldedUnder.containsKey(a.id())) {
            return AlertRow.Status.INHIBITED;
        }
        return AlertRow.Status.FIRING;
    }

    private AlertRow row(Alert a, List<Silence> active, Instant now, int folded, String parent) {
        Instant until = silencedUntil(a, active, now);
        String delivered;
        try {
            delivered = deliveredTo.apply(a.id());
        } catch (RuntimeException e) {
            delivered = "";
        }
        return new AlertRow(a, statusOf(a, until), until, folded, expanded.contains(a.id()), parent, delivered);
    }

    private boolean shown(AlertRow r) {
        return (severityFilter.get() == null || severityFilter.get() == r.severity())
                && (statusFilter.get() == null || statusFilter.get() == r.status());
    }

    private void rebuild() {
        Instant now = clock.instant();
        List<Silence> active = activeSilences(now);
        Map<String, List<Alert>> children = new HashMap<>();
        for (Alert a : latest) {
            String parent = foldedUnder.get(a.id());
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(a);
            }
        }
        // A folded alert whose parent is filtered out stands on its own (when it matches the filter).
        Set<String> shownParents = new HashSet<>();
        for (Alert a : latest) {
            if (children.containsKey(a.id()) && shown(row(a, active, now, 0, null))) {
                shownParents.add(a.id());
            }
        }
        List<AlertRow> out = new ArrayList<>(latest.size());
        for (Alert a : latest) {
            String parent = foldedUnder.get(a.id());
            if (parent != null && shownParents.contains(parent)) {
                continue; // listed under its parent, or hidden there while collapsed
            }
            List<Alert> kids = children.getOrDefault(a.id(), List.of());
            AlertRow row = row(a, active, now, kids.size(), null);
            if (!shown(row)) {
                continue;
            }
            out.add(row);
            if (row.expanded()) {
                kids.forEach(k -> out.add(row(k, active, now, 0, a.id())));
            }
        }
        totalCount.set(latest.size() - foldedUnder.size());
        if (!out.equals(rows)) {
            rows.setAll(out);
        }
        if (!active.equals(silences)) {
            silences.setAll(active);
        }
        canSilence.set(store.writable());
        updateBanner(active, now);
    }

    private void updateBanner(List<Silence> active, Instant now) {
        List<String> ids = new ArrayList<>();
        String newest = null;
        for (Alert a : latest) {
            if (a.severity() == Severity.CRITICAL && a.state() == AlertState.FIRING && announced.contains(a.id())
                    && !acknowledged.contains(a.id()) && silencedUntil(a, active, now) == null) {
                ids.add(a.id());
                if (newest == null) {
                    newest = a.message();
                }
            }
        }
        bannerIds = List.copyOf(ids);
        bannerCount.set(ids.size());
        String text = ids.isEmpty() ? ""
                : ids.size() == 1 ? "1 CRITICAL alert firing: " + newest
                : ids.size() + " CRITICAL alerts firing, newest: " + newest;
        if (!text.equals(notification.get())) {
            notification.set(text);
        }
    }

    public void acknowledge(String alertId) {
        if (alertId != null && acknowledged.add(alertId)) {
            trimAcknowledged();
            rebuild();
            saveMarks();
        }
    }

    /** The banner's Acknowledge: every CRITICAL alert it counts is acknowledged. */
    public void acknowledgeBanner() {
        if (acknowledged.addAll(bannerIds)) {
            trimAcknowledged();
            rebuild();
            saveMarks();
        }
    }

    private void trimAcknowledged() {
        while (acknowledged.size() > MAX_ACKNOWLEDGED) {
            acknowledged.remove(acknowledged.iterator().next());
        }
    }

    /**
     * Makes the alert's row visible (a desktop notification was clicked): clears filters that hide
     * it and expands the alert it is folded under.
     *
     * @return the row's index in {@link #rows()}, or -1 when the feed does not hold that alert
     */
    public int reveal(String alertId) {
        if (latest.stream().noneMatch(a -> a.id().equals(alertId))) {
            return -1;
        }
        String parent = foldedUnder.get(alertId);
        if (parent != null) {
            expanded.add(parent);
        }
        rebuild();
        if (indexOf(alertId) < 0) {
            severityFilter.set(null); // each set rebuilds
            statusFilter.set(null);
        }
        return indexOf(alertId);
    }

    private int indexOf(String alertId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(alertId)) {
                return i;
            }
        }
        return -1;
    }

    /** Shows or hides the alerts folded under {@code alertId}. */
    public void toggleFolded(String alertId) {
        if (alertId != null && !expanded.remove(alertId)) {
            expanded.add(alertId);
        }
        expanded.retainAll(foldedUnder.values());
        rebuild();
    }

    private void saveMarks() {
        AlertMarks marks = new AlertMarks(List.copyOf(acknowledged));
        background.execute(() -> saver.accept(marks));
    }

    /** Where silences come from and go to: the connected cluster's, or {@link SilenceStore#none()}. */
    public void useSilences(SilenceStore silenceStore) {
        store = silenceStore == null ? SilenceStore.none() : silenceStore;
        rebuild();
    }

    /** Folds what the rules' inhibition suppresses (a WARNING under the firing CRITICAL of its family). */
    public void useRules(List<AlertRule> rules) {
        Inhibition inhibition = Inhibition.of(rules == null ? List.of() : rules);
        useInhibitor(inhibition::inhibitedBy);
    }

    /** How inhibited alerts are found; {@link Inhibitor#none()} folds nothing. */
    public void useInhibitor(Inhibitor inhibit) {
        inhibitor = inhibit == null ? Inhibitor.none() : inhibit;
        foldedUnder = fold(latest);
        rebuild();
    }

    /**
     * The "Delivered" column's text per alert id (e.g. the receipts reader's); called on the FX
     * thread for each row each tick, so it must be quick and thread-safe. Null: empty texts.
     */
    public void setDeliveredTo(Function<String, String> provider) {
        deliveredTo = provider == null ? id -> "" : provider;
        rebuild();
    }

    /** Who silences are credited to ("by" in the Silences list); the OS user by default. */
    void setUser(String name) {
        user = name == null ? "" : name;
    }

    /** Silences what the draft says, through the cluster (background), then reports in the message line. */
    public void silence(SilenceDraft draft) {
        SilenceStore target = store;
        Silence s = draft.toSilence(clock.instant(), user);
        String what = (s.rule().equals(Silence.ANY) ? "every rule" : s.rule())
                + (s.group().equals(Silence.ANY) ? " (any group)" : " for " + s.group());
        runOnStore(() -> target.add(s), "Silenced " + what + " until " + hourMinute.format(s.endsAt()) + ".",
                "Could not save the silence");
    }

    /** Ends a silence now (background), then reports in the message line. */
    public void expireSilence(String id) {
        SilenceStore target = store;
        runOnStore(() -> target.expire(id), "Silence " + id + " expired.", "Could not expire the silence " + id);
    }

    private interface StoreCall {
        void run() throws Exception;
    }

    private void runOnStore(StoreCall call, String done, String failed) {
        background.execute(() -> {
            String result;
            try {
                call.run();
                result = done;
            } catch (Exception e) {
                LOG.warn("{}: {}", failed, e.toString());
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                result = failed + ": " + why;
            }
            String r = result;
            fx.execute(() -> {
                message.set(r);
                rebuild();
            });
        });
    }

    /** "silenced until 11:42" in the clock's zone. */
    public String until(Instant t) {
        return t == null ? "" : hourMinute.format(t);
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
            w.write("time,severity,rule,group,window_start,window_end,value,threshold,message,state,occurrences,id,"
                + "silenced_until,delivered\n");
            for (AlertRow r : rows) {
                Alert a = r.alert();
                w.write(String.join(",",
                        csv(r.time() == null ? "" : CSV_TIME.format(r.time())),
                        csv(a.severity().name()),
                        csv(a.rule()),
                        csv(a.group()),
                        csv(a.windowStart() == null ? "" : CSV_TIME.format(a.windowStart())),
                        csv(a.windowEnd() == null ? "" : CSV_TIME.format(a.windowEnd())),
                        csv(Numbers.plain(a.value())),
                        csv(Numbers.plain(a.threshold())),
                        csv(a.message()),
                        csv(r.status().name()),
                        Integer.toString(a.occurrences()),
                        csv(a.id()),
                        csv(r.silencedUntil() == null ? "" : CSV_TIME.format(r.silencedUntil())),
                        csv(r.delivered())));
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

    /** e.g. "62.5 > 40". */
    public static String valueVsThreshold(Alert a) {
        return Numbers.plain(a.value()) + " vs " + Numbers.plain(a.threshold());
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

    /** The CRITICAL banner's text; empty when there is nothing to show. */
    public ReadOnlyStringProperty notificationProperty() {
        return notification.getReadOnlyProperty();
    }

    /** Counts announcements: goes up once for each CRITICAL alert that starts the banner. */
    public ReadOnlyIntegerProperty notificationCountProperty() {
        return notificationCount.getReadOnlyProperty();
    }

    /** How many CRITICAL alerts the banner counts (firing, announced, not acknowledged, not silenced). */
    public ReadOnlyIntegerProperty bannerCountProperty() {
        return bannerCount.getReadOnlyProperty();
    }

    /** Active silences, soonest ending first. */
    public ObservableList<Silence> silences() {
        return FXCollections.unmodifiableObservableList(silences);
    }

    public ReadOnlyBooleanProperty canSilenceProperty() {
        return canSilence.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }
}

package io.paypulse.app.lag;

import io.paypulse.health.LagReport;
import io.paypulse.health.LagText;
import io.paypulse.health.PartitionLagRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the lag panel: the per-partition rows of the latest sample, a sentence about them, and the
 * lag history of the chosen {@link LagRange} (persisted in {@link LagHistoryStore}, one point per
 * {@link #STEP}). Two halves: {@link #prepare} runs on a background thread (file I/O, decimation) and
 * returns a {@link LagFrame}; {@link #show} puts it on screen on the FX thread. Never touches a Node.
 */
public final class LagViewModel implements AutoCloseable {

    /** One history point per this much time; the probe samples every 2 s. */
    public static final Duration STEP = Duration.ofSeconds(5);

    private final Path file;
    private final Clock clock;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<LagRange> range = new ReadOnlyObjectWrapper<>(LagRange.HOUR_1);
    private final BooleanProperty inSeconds = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<LagFrame> frame;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("not sampled yet");
    private final ObservableList<PartitionLagRow> rows = FXCollections.observableArrayList();
    private final ObservableList<PartitionLagRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private volatile LagRange chosen = LagRange.HOUR_1;
    private LagHistoryStore store;
    private LagReport lastReport;
    /** The report of the last update (null: no session), for a range change between ticks. */
    private LagReport current;
    private boolean closed;

    /**
     * @param file       the history file (created when missing); opened lazily, off the FX thread
     * @param background where history work runs when the range changes (not the FX thread)
     * @param fx         the FX thread ({@code FxThread.INSTANCE}; tests pass a same-thread executor)
     */
    public LagViewModel(Path file, Clock clock, Executor background, Executor fx) {
        this.file = file;
        this.clock = clock;
        this.background = background;
        this.fx = fx;
        this.frame = new ReadOnlyObjectWrapper<>(LagFrame.empty(LagRange.HOUR_1, clock.millis()));
    }

    /**
     * Background half of an update: records {@code report} in the history when it is a new sample and
     * the last point is at least {@link #STEP} old, then cuts the chosen range out of the history.
     *
     * @param report the latest sample, or null (no session: only the history is shown)
     */
    public synchronized LagFrame prepare(LagReport report) {
        LagHistoryStore s = store();
        if (report != null && (lastReport == null || !report.at().equals(lastReport.at()))) {
            LagPoint last = s == null ? null : s.last();
            if (s != null && (last == null || report.at().toEpochMilli() - last.atMs() >= STEP.toMillis())) {
                s.append(LagPoint.of(report));
            }
            lastReport = report;
        }
        current = report;
        LagRange r = chosen;
        long to = clock.millis();
        long from = to - r.span().toMillis();
        List<LagPoint> points = s == null ? List.of() : LagFrame.decimate(s.since(from), from, to, LagFrame.COLUMNS);
        return new LagFrame(report, r, from, to, points);
    }

    /** FX half of an update. */
    public void show(LagFrame f) {
        frame.set(f);
        LagReport r = f.report();
        summary.set(LagText.detail(r));
        List<PartitionLagRow> now = r == null ? List.of() : r.rows();
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
    }

    /** Shows another span now (recomputed in the background), rather than at the next tick. */
    public void setRange(LagRange r) {
        range.set(r);
        chosen = r;
        background.execute(() -> {
            LagFrame f;
            synchronized (this) {
                f = prepare(current);
            }
            fx.execute(() -> show(f));
        });
    }

    private LagHistoryStore store() {
        if (store == null && !closed) {
            store = LagHistoryStore.open(file, clock);
        }
        return store;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
            store = null;
        }
    }

    public ReadOnlyObjectProperty<LagRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** The chart's unit: seconds (age of the oldest unprocessed record) or records. */
    public BooleanProperty inSecondsProperty() {
        return inSeconds;
    }

    public ReadOnlyObjectProperty<LagFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** "partition 2 behind", "caught up on all 3 partitions", or why lag is unknown. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** One row per partition of the latest sample. */
    public ObservableList<PartitionLagRow> rows() {
        return rowsView;
    }
}

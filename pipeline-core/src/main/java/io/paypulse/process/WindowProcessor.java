package io.paypulse.process;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.WindowSummary;
import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.WindowAggregate;
import io.paypulse.json.Mappers;
import io.paypulse.process.alert.AlertEngine;
import io.paypulse.process.alert.AlertEngineState;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1-minute tumbling windows over all raw partitions (one task, keyed "all"), combined from the parse
 * tasks' {@link Partial}s, with live totals, final totals exactly once, and alert evaluation on final
 * windows.
 *
 * <p>Partials are cumulative per (window, source partition): this stage keeps the latest of each (the
 * one with the most events: a partition's count of a window only grows, so a replayed or older
 * partial never replaces a newer one) and sums across partitions, so nothing is counted twice.
 *
 * <p>Time: the watermark ({@link Watermark}) follows the partitions' progress as their partials report
 * it; a partition whose parse task reports it idle moves by that task's wall clock, so an idle
 * pipeline still closes its last window, while a pipeline catching up on a backlog closes windows by
 * event time only. A window [s, e) is final once {@code e + grace <= watermark}. Lateness is decided
 * per partition by the parse tasks (every partition's progress is at or above the watermark, so an
 * event they accept is for a window still open here); the one exception is a partition the window
 * stage stopped waiting for (silent for the partition timeout) that comes back: what its partials add
 * to windows already final is counted as late, logged, and summarised in one dead letter per window
 * ({@link #latePartial}). All state lives in changelogged stores, so exactly-once processing covers
 * it across restarts; the watermark and the partitions' progress are saved whenever a window closes
 * or a partition joins (in between, a restored watermark that is a little behind changes no
 * decision: no window closed meanwhile).
 *
 * <p>No-data rules count silence from the last partial with events this stage processed, or from the last tick at
 * which the raw topic still held unprocessed input ({@link PartitionLag#unprocessed}): a stalled
 * processor is not a source that stopped sending.
 */
final class WindowProcessor implements Processor<String, Partial, String, WindowOutput> {

    static final String TOTALS_STORE = "window-partials";
    static final String USERS_STORE = "window-user-partials";
    static final String META_STORE = "window-meta";
    static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();

    private static final Logger LOG = LoggerFactory.getLogger(WindowProcessor.class);
    private static final String WATERMARK = "watermark";
    private static final String PROGRESS = "partition-progress";
    private static final long SILENT_WARN_MS = 30_000;
    private static final String ENGINE = "alert-engine";

    private final long graceMs;
    private final long partitionTimeoutMs;
    private final int rawPartitions;
    private final Duration liveInterval;
    private final List<AlertRule> rules;
    private final ProcessorStats stats;
    private final PartitionLag lag;

    private ProcessorContext<String, WindowOutput> context;
    private PartialStore partials;
    private KeyValueStore<String, String> meta;
    private final TreeSet<Long> openWindows = new TreeSet<>();
    private final TreeSet<Long> dirty = new TreeSet<>();
    private AlertEngine engine;
    private Watermark watermark;
    private long lastEventWallMs = -1;
    private long lastSilenceCheckMs;

    WindowProcessor(TopologyOptions options, ProcessorStats stats) {
        this.graceMs = options.grace().toMillis();
        this.partitionTimeoutMs = options.partitionTimeout().toMillis();
        this.rawPartitions = options.rawPartitions();
        this.liveInterval = options.liveInterval();
        this.rules = options.rules();
        this.stats = stats;
        this.lag = options.lag();
    }

    @Override
    public void init(ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.partials = new PartialStore(context.getStateStore(TOTALS_STORE), context.getStateStore(USERS_STORE));
        this.meta = context.getStateStore(META_STORE);
        String w = meta.get(WATERMARK);
        long now = context.currentSystemTimeMs();
        watermark = new Watermark(partitionTimeoutMs, rawPartitions, w == null ? Long.MIN_VALUE : Long.parseLong(w),
                readProgress(meta.get(PROGRESS)), now);
        lastSilenceCheckMs = now;
        String engineJson = meta.get(ENGINE);
        engine = new AlertEngine(rules, engineJson == null ? AlertEngineState.empty() : readState(engineJson));
        openWindows.addAll(partials.windows());
        stats.openWindows(openWindows.size());
        context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, Partial> record) {
        Partial in = record.value();
        int source = in.sourcePartition();
        if (source < 0) { // before any state changes: a record that throws here changes nothing
            throw new IllegalArgumentException("a partial from raw partition " + source);
        }
        long now = context.currentSystemTimeMs();
        for (Partial.WindowCounts w : in.windows()) {
            if (isClosed(w.start())) {
                latePartial(source, w);
                continue;
            }
            if (partials.putIfNewer(w.start(), source, w)) {
                dirty.add(w.start());
                if (openWindows.add(w.start())) {
                    stats.openWindows(openWindows.size());
                }
            }
        }
        for (Partial.UserFailures u : in.users()) {
            if (!isClosed(u.windowStart())) {
                partials.putUserIfNewer(u.windowStart(), source, u.user(), u.failedPayments());
            }
        }
        if (!in.windows().isEmpty()) {
            lastEventWallMs = now;
        }
        if (in.hasProgress()) {
            onProgress(source, in.progress(), now);
            partials.forgetClosed(source, in.progress(), WINDOW_MS + graceMs);
        }
    }

    private void onProgress(int partition, long time, long now) {
        int before = watermark.partitions();
        boolean moved = watermark.onProgress(partition, time, now);
        if (watermark.partitions() != before) {
            LOG.info("Windows now follow raw partition {} too ({} in all)", partition, watermark.partitions());
            saveProgress();
        }
        if (moved) {
            closeUpToWatermark();
        }
    }

    private void onWallClock(long now) {
        if (lastEventWallMs < 0 || inputWaiting()) {
            // First tick after (re)start: no-data counts from here. Input waiting in the raw topic is
            // data arriving, whatever a stalled processor makes of it: a stall is not "no data".
            lastEventWallMs = now;
        }
        if (now - lastSilenceCheckMs >= SILENT_WARN_MS) {
            lastSilenceCheckMs = now;
            checkSilentPartitions(now);
        }
        for (Long start : dirty) {
            if (openWindows.contains(start)) {
                publish(start, partials.totals(start), false);
            }
        }
        dirty.clear();
        emit(engine.onWallClock(Instant.ofEpochMilli(now), Instant.ofEpochMilli(lastEventWallMs)));
    }

    private boolean inputWaiting() {
        OptionalLong waiting = lag.unprocessed(Topics.RAW);
        return waiting.isPresent() && waiting.getAsLong() > 0;
    }

    /** A raw partition that sends nothing holds every window open: say so, and give up on it after the timeout. */
    private void checkSilentPartitions(long now) {
        Map<Integer, Long> silent = watermark.silentFor(SILENT_WARN_MS, now);
        if (silent.isEmpty()) {
            return;
        }
        List<Integer> dropped = watermark.dropSilent(now);
        if (dropped.isEmpty()) {
            LOG.warn("Windows are waiting for raw partition(s) {} (silent for {} s): is a processor instance stuck? "
                    + "After {} s of silence they close without it.", silent.keySet(),
                    silent.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000, partitionTimeoutMs / 1000);
            return;
        }
        LOG.warn("Raw partition(s) {} sent nothing for {} s; windows no longer wait for them (their later events "
                + "count as late)", dropped, partitionTimeoutMs / 1000);
        saveProgress();
        closeUpToWatermark();
    }

    private void closeUpToWatermark() {
        boolean closed = false;
        while (!openWindows.isEmpty() && isClosed(openWindows.first())) {
            close(openWindows.pollFirst());
            closed = true;
        }
        if (closed) {
            saveProgress();
        }
        stats.openWindows(openWindows.size());
    }

    private void saveProgress() {
        meta.put(WATERMARK, Long.toString(watermark.value()));
        StringBuilder b = new StringBuilder();
        watermark.progress().forEach((p, t) -> b.append(b.isEmpty() ? "" : ",").append(p).append(':').append(t));
        meta.put(PROGRESS, b.toString());
    }

    private static Map<Integer, Long> readProgress(String saved) {
        Map<Integer, Long> out = new HashMap<>();
        if (saved != null && !saved.isEmpty()) {
            for (String entry : saved.split(",")) {
                int colon = entry.indexOf(':');
                out.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
            }
        }
        return out;
    }

    private boolean isClosed(long windowStart) {
        return windowStart + WINDOW_MS + graceMs <= watermark.value();
    }

    private void close(long start) {
        WindowTotals t = partials.totals(start);
        Map<String, Long> users = partials.userFailures(start);
        partials.close(start, p -> !watermark.holds(p));
        dirty.remove(start);
        publish(start, t, true);
        stats.windowClosed(Arrays.stream(t.counts).sum());
        WindowSummary summary = new WindowSummary(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + WINDOW_MS),
                t.counts.clone(), t.sums.clone(), users);
        emit(engine.onFinalWindow(summary));
        saveEngineState();
    }

    private void publish(long start, WindowTotals t, boolean isFinal) {
        Instant s = Instant.ofEpochMilli(start);
        Instant e = Instant.ofEpochMilli(start + WINDOW_MS);
        long ts = Math.min(start + WINDOW_MS - 1, Math.max(start, watermark.value()));
        for (Group g : Group.ALL) {
            int i = g.index();
            WindowAggregate agg = new WindowAggregate(s, e, g.type(), g.failed(), t.counts[i], t.sums[i], isFinal);
            context.forward(new Record<>(s + "|" + g.key(), new WindowOutput(agg, null, null), ts));
        }
    }

    private void emit(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        for (Alert a : alerts) {
            stats.alertPublished();
            LOG.info("Alert {} {} {} [{}]: {}", a.state(), a.severity(), a.rule(), a.group(), a.message());
            context.forward(new Record<>(a.id(), new WindowOutput(null, a, null), a.lastSeen().toEpochMilli()));
        }
        saveEngineState();
    }

    private void saveEngineState() {
        try {
            meta.put(ENGINE, Mappers.json().writeValueAsString(engine.state()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot save alert engine state", e);
        }
    }

    private static AlertEngineState readState(String json) {
        try {
            return Mappers.json().readValue(json, AlertEngineState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read alert engine state", e);
        }
    }

    /**
     * A partial for a window that is already final: only a partition the watermark stopped waiting
     * for (silent for the partition timeout) can send one. What it adds to what that partition had
     * contributed when the window closed cannot change a published total: it is counted as late,
     * logged, and summarised in one dead letter (the events themselves are in the raw topic).
     */
    private void latePartial(int source, Partial.WindowCounts w) {
        Partial.WindowCounts before = partials.closedContribution(w.start(), source);
        long events = w.total() - before.total();
        if (events <= 0) {
            return;
        }
        partials.putClosedContribution(w.start(), source, w);
        stats.late(events);
        Instant s = Instant.ofEpochMilli(w.start());
        String reason = "late partial from raw partition " + source + ": " + events + " events for window " + s
                + ", which closed without that partition (silent for over " + partitionTimeoutMs / 1000
                + " s; grace " + graceMs / 1000.0 + " s), are not in its final totals";
        LOG.warn("Raw partition {} came back with {} events for window {}, which closed without it: counted as late",
                source, events, s);
        StringBuilder text = new StringBuilder();
        for (Group g : Group.ALL) {
            int i = g.index();
            text.append(text.isEmpty() ? "" : ", ").append(g.key()).append(' ')
                    .append(w.counts()[i] - before.counts()[i]).append(' ')
                    .append(Money.format(w.sumsCents()[i] - before.sumsCents()[i]));
        }
        DeadLetter dead = DeadLetter.ofText(reason, PaymentTopology.WINDOW_REPARTITION, source, -1, s, null,
                text.toString());
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.CATEGORY, DeadLetterHeaders.bytes(DeadLetterCategory.LATE.word()));
        context.forward(new Record<>(s + "|partition-" + source, new WindowOutput(null, null, dead), w.start(), headers));
    }
}

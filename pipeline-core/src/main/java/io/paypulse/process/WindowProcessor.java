package io.paypulse.process;

import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.event.Group;
import io.paypulse.event.Json;
import io.paypulse.event.Money;
import io.paypulse.event.WindowAggregate;
import io.paypulse.process.alert.AlertEngine;
import io.paypulse.process.alert.AlertEngineState;
import io.paypulse.process.alert.AlertRule;
import io.paypulse.process.alert.WindowSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1-minute tumbling windows over all events (one task sees them all, keyed "all"), with live
 * partial totals, final totals exactly once, and alert evaluation on final windows.
 *
 * <p>Time: the watermark ({@link Watermark}) follows event time across source partitions, or, once
 * no event has arrived for
 * {@code idleTimeout} of wall-clock time, the wall clock itself, so an idle pipeline still closes
 * its last window. A window [s, e) is final once {@code e + grace <= watermark}; an event for a
 * final window is late and goes to the DLQ, never into a total that was already published.
 * All state lives in changelogged stores, so exactly-once processing covers it across restarts.
 */
final class WindowProcessor implements Processor<String, WindowInput, String, WindowOutput> {

    static final String TOTALS_STORE = "window-totals";
    static final String USERS_STORE = "window-user-failures";
    static final String META_STORE = "window-meta";
    static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();

    private static final Logger LOG = LoggerFactory.getLogger(WindowProcessor.class);
    private static final String WATERMARK = "watermark";
    private static final String ENGINE = "alert-engine";

    private final long graceMs;
    private final long idleTimeoutMs;
    private final long warmUpMs;
    private final Duration liveInterval;
    private final List<AlertRule> rules;
    private final ProcessorStats stats;

    private ProcessorContext<String, WindowOutput> context;
    private KeyValueStore<Long, WindowTotals> totals;
    private KeyValueStore<String, Long> userFailures;
    private KeyValueStore<String, String> meta;
    private final TreeSet<Long> openWindows = new TreeSet<>();
    private final TreeSet<Long> dirty = new TreeSet<>();
    private AlertEngine engine;
    private Watermark watermark;
    private long lastEventWallMs = -1;

    WindowProcessor(TopologyOptions options, ProcessorStats stats) {
        this.graceMs = options.grace().toMillis();
        this.idleTimeoutMs = options.idleTimeout().toMillis();
        this.warmUpMs = options.warmUp().toMillis();
        this.liveInterval = options.liveInterval();
        this.rules = options.rules();
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.totals = context.getStateStore(TOTALS_STORE);
        this.userFailures = context.getStateStore(USERS_STORE);
        this.meta = context.getStateStore(META_STORE);
        String w = meta.get(WATERMARK);
        watermark = new Watermark(idleTimeoutMs, warmUpMs, w == null ? Long.MIN_VALUE : Long.parseLong(w));
        String engineJson = meta.get(ENGINE);
        engine = new AlertEngine(rules, engineJson == null ? AlertEngineState.empty() : readState(engineJson));
        try (KeyValueIterator<Long, WindowTotals> it = totals.all()) {
            it.forEachRemaining(kv -> openWindows.add(kv.key));
        }
        stats.openWindows(openWindows.size());
        context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, WindowInput> record) {
        WindowInput in = record.value();
        long now = context.currentSystemTimeMs();
        lastEventWallMs = now;
        long start = in.eventTimeMs() - Math.floorMod(in.eventTimeMs(), WINDOW_MS);
        if (isClosed(start)) {
            stats.late();
            context.forward(record.withKey(in.group().key()).withValue(new WindowOutput(null, null, late(in, start))));
            return;
        }
        WindowTotals t = totals.get(start);
        if (t == null) {
            t = new WindowTotals();
            openWindows.add(start);
            stats.openWindows(openWindows.size());
        }
        t.add(in.groupIndex(), in.amountCents());
        totals.put(start, t);
        if (in.failedPaymentUser() != null) {
            String key = userKey(start, in.failedPaymentUser());
            Long n = userFailures.get(key);
            userFailures.put(key, n == null ? 1L : n + 1);
        }
        dirty.add(start);
        if (watermark.onEvent(in.sourcePartition(), in.eventTimeMs(), now)) {
            closeUpToWatermark();
        }
    }

    private void onWallClock(long now) {
        if (lastEventWallMs < 0) {
            lastEventWallMs = now; // first tick after (re)start: idleness counts from here
        }
        if (watermark.onIdle(now, lastEventWallMs)) {
            closeUpToWatermark();
        }
        for (Long start : dirty) {
            WindowTotals t = totals.get(start);
            if (t != null) {
                publish(start, t, false);
            }
        }
        dirty.clear();
        emit(engine.onWallClock(Instant.ofEpochMilli(now), Instant.ofEpochMilli(lastEventWallMs)));
    }

    private void closeUpToWatermark() {
        meta.put(WATERMARK, Long.toString(watermark.value()));
        while (!openWindows.isEmpty() && isClosed(openWindows.first())) {
            close(openWindows.pollFirst());
        }
        stats.openWindows(openWindows.size());
    }

    private boolean isClosed(long windowStart) {
        return windowStart + WINDOW_MS + graceMs <= watermark.value();
    }

    private void close(long start) {
        WindowTotals t = totals.get(start);
        totals.delete(start);
        dirty.remove(start);
        publish(start, t, true);
        Map<String, Long> users = new HashMap<>();
        try (KeyValueIterator<String, Long> it = userFailures.range(userKey(start, ""), userKey(start, "\uffff"))) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                users.put(kv.key.substring(kv.key.indexOf('|') + 1), kv.value);
                userFailures.delete(kv.key);
            }
        }
        stats.windowClosed(java.util.Arrays.stream(t.counts).sum());
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
            meta.put(ENGINE, Json.MAPPER.writeValueAsString(engine.state()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot save alert engine state", e);
        }
    }

    private static AlertEngineState readState(String json) {
        try {
            return Json.MAPPER.readValue(json, AlertEngineState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read alert engine state", e);
        }
    }

    private DeadLetter late(WindowInput in, long start) {
        Instant s = Instant.ofEpochMilli(start);
        String reason = "late event at " + Instant.ofEpochMilli(in.eventTimeMs()) + ": window " + s + " closed "
                + "(grace " + graceMs / 1000.0 + " s)";
        String raw = in.group().key() + " " + Money.format(in.amountCents())
                + (in.failedPaymentUser() == null ? "" : " " + in.failedPaymentUser());
        return new DeadLetter(reason, "window-input", -1, -1, Instant.ofEpochMilli(in.eventTimeMs()), null, raw);
    }

    /** Fixed-width window start so a range scan over one window's users is a prefix range. */
    private static String userKey(long windowStart, String user) {
        return String.format("%016x|%s", windowStart, user);
    }
}

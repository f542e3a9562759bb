package io.paypulse.app.feed;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.WindowAggregate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Thread-safe aggregate the feed consumer writes into and the ticker snapshots (STYLE 8): records
 * are folded in here, never forwarded to the UI one by one. Bounded: minutes older than
 * {@link #RANGE} before the newest are dropped, and at most {@link #MAX_ALERTS} alert buckets are
 * kept (resolved ones are dropped first).
 */
public final class LiveData {

    public static final Duration RANGE = Duration.ofMinutes(60);
    public static final int MAX_ALERTS = 500;

    private final Clock clock;
    private final TreeMap<Instant, Slot> minutes = new TreeMap<>();
    private final LinkedHashMap<String, Alert> alerts = new LinkedHashMap<>();
    /** Seven days of minutes for the charts' ranges; the map above stays the hour the KPIs count. */
    private final MinuteStore history = new MinuteStore();
    private String historyNote;
    private long totalEvents;
    private long dlqCount;
    private ProbeSample probe = ProbeSample.NONE;
    private long version;
    private String feedError;

    public LiveData(Clock clock) {
        this.clock = clock;
    }

    /** Upserts the group's totals in that minute (live updates replace, the final one wins). */
    public synchronized void onAggregate(WindowAggregate a) {
        if (history.upsert(a, MinuteStore.Source.LIVE)) {
            version++;
        }
        Instant newest = minutes.isEmpty() ? a.start() : max(minutes.lastKey(), a.start());
        Instant oldestKept = newest.minus(RANGE);
        if (a.start().isBefore(oldestKept)) {
            return;
        }
        Slot slot = minutes.computeIfAbsent(a.start(), s -> new Slot());
        int g = a.group().index();
        if (slot.complete[g] && !a.isFinal()) {
            return; // a stray live update after the final value changes nothing
        }
        totalEvents += a.eventCount() - slot.counts[g];
        slot.counts[g] = a.eventCount();
        slot.cents[g] = a.totalAmountCents();
        slot.complete[g] = slot.complete[g] || a.isFinal();
        minutes.headMap(oldestKept, false).clear();
        version++;
    }

    /**
     * A window from the history backfill (the aggregate CSVs or older records of the topic): only the
     * charts' history takes it, and it never replaces what the live feed wrote for that window.
     */
    public synchronized void onHistory(WindowAggregate a) {
        if (history.upsert(a, MinuteStore.Source.HISTORY)) {
            version++;
        }
    }

    /** What the history backfill is doing, in a few words for the charts' toolbar (null: done). */
    public synchronized void historyNote(String note) {
        historyNote = note;
        version++;
    }

    /** Upserts the bucket by id; bounded, dropping resolved buckets first, then the oldest. */
    public synchronized void onAlert(Alert a) {
        alerts.remove(a.id());
        alerts.put(a.id(), a);
        while (alerts.size() > MAX_ALERTS) {
            Iterator<Map.Entry<String, Alert>> it = alerts.entrySet().iterator();
            String victim = null;
            while (it.hasNext()) {
                Map.Entry<String, Alert> e = it.next();
                if (e.getValue().state() == AlertState.RESOLVED) {
                    victim = e.getKey();
                    break;
                }
            }
            alerts.remove(victim != null ? victim : alerts.keySet().iterator().next());
        }
        version++;
    }

    public synchronized void onDeadLetters(long n) {
        if (n != 0) {
            dlqCount += n;
            version++;
        }
    }

    public synchronized void onProbe(ProbeSample sample) {
        probe = sample;
        version++;
    }

    public synchronized void feedError(String sentence) {
        feedError = sentence;
        version++;
    }

    public synchronized FeedSnapshot snapshot() {
        List<MinutePoint> points = new ArrayList<>(minutes.size());
        minutes.forEach((start, s) -> points.add(s.point(start)));
        List<Alert> list = new ArrayList<>(alerts.values());
        list.sort(Comparator.comparing(Alert::lastSeen, Comparator.nullsLast(Comparator.naturalOrder())).reversed());
        return new FeedSnapshot(clock.instant(), List.copyOf(points), List.copyOf(list), totalEvents, dlqCount,
                probe, version, feedError, history.snapshot(), historyNote);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Per group: count, cents, final. Group index as in {@link io.paypulse.event.Group#index()}. */
    private static final class Slot {
        final long[] counts = new long[4];
        final long[] cents = new long[4];
        final boolean[] complete = new boolean[4];

        MinutePoint point(Instant start) {
            boolean any = complete[0] || complete[1] || complete[2] || complete[3];
            return new MinutePoint(start, counts[0], counts[1], counts[2], counts[3],
                    cents[0] + cents[1] + cents[2] + cents[3], any);
        }
    }
}

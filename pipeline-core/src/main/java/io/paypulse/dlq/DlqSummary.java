package io.paypulse.dlq;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a read of the DLQ found: counts per category and per minute per category of every dead letter
 * written since the filter's start, and the newest {@code keep} records that match the filter (the
 * counts cover all of them; the records are bounded so a large DLQ does not fill memory). Built by
 * one thread, then read only.
 */
public final class DlqSummary {

    private final DlqFilter filter;
    private final int keep;
    private final Map<DeadLetterCategory, Long> byCategory = new EnumMap<>(DeadLetterCategory.class);
    private final NavigableMap<Instant, Map<DeadLetterCategory, Long>> byMinute = new TreeMap<>();
    private final Deque<DlqRecord> newest = new ArrayDeque<>();
    private long total;
    private long matching;

    public DlqSummary(DlqFilter filter, int keep) {
        this.filter = filter;
        this.keep = keep;
    }

    /** Counts {@code r} (when it is within the filter's time range) and keeps it when it matches. */
    public void add(DlqRecord r) {
        if (filter.since() != null && r.timestamp().isBefore(filter.since())) {
            return;
        }
        total++;
        byCategory.merge(r.category(), 1L, Long::sum);
        byMinute.computeIfAbsent(r.timestamp().truncatedTo(ChronoUnit.MINUTES),
                m -> new EnumMap<>(DeadLetterCategory.class)).merge(r.category(), 1L, Long::sum);
        if (filter.matches(r)) {
            matching++;
            newest.addLast(r);
            if (newest.size() > keep) {
                newest.removeFirst();
            }
        }
    }

    /** Dead letters in the time range, every category. */
    public long total() {
        return total;
    }

    /** Dead letters that match the filter (category too); {@link #records()} holds the newest of them. */
    public long matching() {
        return matching;
    }

    /** Count per category, every category present (0 when none). */
    public Map<DeadLetterCategory, Long> byCategory() {
        Map<DeadLetterCategory, Long> all = new EnumMap<>(DeadLetterCategory.class);
        for (DeadLetterCategory c : DeadLetterCategory.values()) {
            all.put(c, byCategory.getOrDefault(c, 0L));
        }
        return all;
    }

    /** Counts per minute (start of the minute, UTC) and category, oldest first. */
    public NavigableMap<Instant, Map<DeadLetterCategory, Long>> byMinute() {
        return Collections.unmodifiableNavigableMap(byMinute);
    }

    /** The newest matching records, oldest first. */
    public List<DlqRecord> records() {
        return new ArrayList<>(newest);
    }

    public DlqFilter filter() {
        return filter;
    }
}

package io.paypulse.process.alert;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.AnomalyRule;
import io.paypulse.alert.NoDataRule;
import io.paypulse.alert.Selector;
import io.paypulse.alert.Texts;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.alert.VelocityRule;
import io.paypulse.alert.WindowSummary;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.process.alert.AlertEngineState.Episode;
import io.paypulse.process.alert.AlertEngineState.RuleState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates alert rules on final 1-minute windows and on wall-clock ticks and says which alert
 * buckets to publish. Pure logic: no Kafka, no threads, no clock; time comes in as arguments.
 *
 * <p><b>Threading</b>: not thread-safe; one engine belongs to one processor task, which calls it
 * from its own thread. {@link #state()} returns an immutable snapshot to store; a new engine built
 * from it continues exactly where this one stopped, except for the no-data watch described in
 * {@link #onWallClock}.
 *
 * <p><b>Episodes</b>: a rule's condition met for fewer than {@code for} consecutive windows is
 * pending and publishes nothing; at {@code for} the episode fires; every later final window keeps
 * the same bucket (same id, {@code occurrences}+1, {@code lastSeen} = that window's end) until the
 * recovery condition holds, which publishes the bucket once more as RESOLVED. A later breach is a new
 * episode with a new id. {@code occurrences} counts the windows of the episode, pending ones included;
 * a RESOLVED update keeps it and sets {@code lastSeen}/{@code windowEnd} to the window that resolved it.
 * Windows a rule cannot judge (too few events for a rate, too little history for an anomaly) are
 * skipped: they neither advance, break, nor resolve an episode.
 *
 * <p><b>Gaps</b>: the processor only emits windows that had events, so minutes missing between two
 * final windows had none. Each is evaluated as a window with zero counts (at most
 * {@link #MAX_FILLED_WINDOWS} of them), except that an anomaly rule whose history would be all zeros
 * (gap of at least its {@code windows}) forgets its history instead and learns the baseline again.
 * One call returns at most one update per bucket: the latest, since consumers upsert by id.
 */
public final class AlertEngine {

    /** The most users one velocity rule keeps firing at once; beyond it the highest counts win. */
    public static final int MAX_USER_ALERTS = 1000;

    /** The most empty minutes evaluated for one gap: a day. */
    public static final int MAX_FILLED_WINDOWS = 1440;

    private final List<AlertRule> rules;
    private final List<Tracker> trackers = new ArrayList<>();
    private Instant lastWindowEnd;
    /** First wall-clock tick of this engine; the no-data reference while no event has been seen. Not persisted. */
    private Instant watchStart;

    /**
     * @param rules rules to evaluate, names unique; disabled ones are ignored
     * @param state from {@link #state()} of a previous run, or {@link AlertEngineState#empty()}; state
     *              of rules that no longer exist is dropped (a bucket of a removed rule that was firing
     *              is not resolved by this engine)
     */
    public AlertEngine(List<AlertRule> rules, AlertEngineState state) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(state, "state");
        Set<String> names = new HashSet<>();
        for (AlertRule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two rules are named '" + rule.name() + "'");
            }
        }
        this.rules = List.copyOf(rules);
        this.lastWindowEnd = state.lastWindowEnd();
        for (AlertRule rule : this.rules) {
            if (rule.enabled()) {
                trackers.add(new Tracker(rule, state.rules().get(rule.name())));
            }
        }
    }

    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * Evaluates a window that has become final. Windows must come in increasing start order; a
     * window starting before the end of the last one seen (a replay after a restart) is ignored.
     *
     * @return bucket updates to publish, at most one per alert id
     */
    public List<Alert> onFinalWindow(WindowSummary window) {
        Objects.requireNonNull(window, "window");
        if (lastWindowEnd != null && window.start().isBefore(lastWindowEnd)) {
            return List.of();
        }
        Map<String, Alert> out = new LinkedHashMap<>();
        long missing = 0;
        Duration length = Duration.between(window.start(), window.end());
        if (lastWindowEnd != null) {
            missing = Duration.between(lastWindowEnd, window.start()).toMillis() / length.toMillis();
        }
        for (Tracker t : trackers) {
            if (missing > 0 && t.rule instanceof AnomalyRule a && missing >= a.windows()) {
                t.forgetHistory();
            } else {
                long filled = Math.min(missing, MAX_FILLED_WINDOWS);
                for (long i = 0; i < filled; i++) {
                    Instant start = lastWindowEnd.plus(length.multipliedBy(i));
                    evaluate(t, WindowSummary.empty(start, start.plus(length)), out);
                }
            }
            evaluate(t, window, out);
        }
        lastWindowEnd = window.end();
        return List.copyOf(out.values());
    }

    /**
     * Evaluates the no-data rules at a wall-clock tick.
     *
     * <p>The silence is measured from {@code lastEventAt}, or, while it is null, from the first tick
     * this engine instance received: that watch is not part of {@link #state()}, so a restarted
     * processor waits a full {@code after} before it declares no data. A no-data episode takes as
     * window the wall-clock minute in which it fired (the next minute if an earlier episode already
     * used that one, to keep ids unique); a firing one is republished at most once per wall-clock
     * minute ({@code occurrences} = minutes), and resolves on the first tick whose {@code lastEventAt}
     * is after the tick that fired it.
     *
     * @param now         the wall-clock time of the tick; ticks come in non-decreasing order
     * @param lastEventAt when the processor last saw an event, or null if none since it started
     * @return bucket updates to publish
     */
    public List<Alert> onWallClock(Instant now, Instant lastEventAt) {
        Objects.requireNonNull(now, "now");
        if (watchStart == null) {
            watchStart = now;
        }
        List<Alert> out = new ArrayList<>();
        for (Tracker t : trackers) {
            if (t.rule instanceof NoDataRule r) {
                noData(t, r, now, lastEventAt, out);
            }
        }
        return List.copyOf(out);
    }

    /** An immutable snapshot of everything the engine remembers, for {@link #AlertEngine(List, AlertEngineState)}. */
    public AlertEngineState state() {
        Map<String, RuleState> states = new TreeMap<>();
        for (Tracker t : trackers) {
            states.put(t.rule.name(), new RuleState(new ArrayList<>(t.history), t.episodes, t.lastEpisodeStart));
        }
        return new AlertEngineState(lastWindowEnd, states);
    }

    // ---- rule kinds ----------------------------------------------------------------------------

    private void evaluate(Tracker t, WindowSummary w, Map<String, Alert> out) {
        if (t.rule instanceof ThresholdRule r) {
            threshold(t, r, w, out);
        } else if (t.rule instanceof AnomalyRule r) {
            anomaly(t, r, w, out);
        } else if (t.rule instanceof VelocityRule r) {
            velocity(t, r, w, out);
        }
        // no-data rules are evaluated on wall-clock ticks only
    }

    private void threshold(Tracker t, ThresholdRule r, WindowSummary w, Map<String, Alert> out) {
        Selector s = r.selector();
        double value;
        switch (r.metric()) {
            case COUNT -> value = s.count(w);
            case SUM -> value = s.sumCents(w) / 100.0;
            case FAILURE_RATE -> {
                long events = new Selector(s.type(), Selector.Status.ANY).count(w);
                if (events == 0 || events < r.minEvents()) {
                    return;
                }
                value = 100.0 * new Selector(s.type(), Selector.Status.FAILED).count(w) / events;
            }
            case SHARE -> {
                long events = w.totalCount();
                if (events == 0 || events < r.minEvents()) {
                    return;
                }
                value = 100.0 * s.count(w) / events;
            }
            default -> throw new IllegalStateException("unknown metric " + r.metric());
        }
        boolean above = r.operator() == ThresholdRule.Operator.ABOVE;
        Verdict verdict;
        if (above ? value > r.threshold() : value < r.threshold()) {
            verdict = Verdict.BREACH;
        } else if (above ? value < r.recovery() : value > r.recovery()) {
            verdict = Verdict.CLEAR;
        } else {
            verdict = Verdict.HOLD;
        }
        String subject = switch (r.metric()) {
            case COUNT -> s.noun() + " count";
            case SUM -> s.noun() + " amount";
            case FAILURE_RATE -> new Selector(s.type(), Selector.Status.ANY).noun() + " failure rate";
            case SHARE -> s.noun() + " share";
        };
        String shown = format(r.metric(), value, false);
        String side = above ? "above" : "below";
        String back = above ? "below" : "above";
        Wording wording = (v, n) -> switch (v) {
            case BREACH -> subject + " " + shown + " is " + side + " " + format(r.metric(), r.threshold(), true)
                    + " for " + Texts.windows(n) + ".";
            case HOLD -> subject + " " + shown + " is not yet back " + back + " "
                    + format(r.metric(), r.recovery(), true) + " after " + Texts.windows(n) + ".";
            default -> subject + " " + shown + " is back " + back + " " + format(r.metric(), r.recovery(), true)
                    + " after " + Texts.windows(n) + ".";
        };
        apply(t, r.group(), w, verdict, value, r.threshold(), r.recovery(), r.forWindows(), wording, out);
    }

    private void anomaly(Tracker t, AnomalyRule r, WindowSummary w, Map<String, Alert> out) {
        boolean sum = r.metric() == ThresholdRule.Metric.SUM;
        long raw = sum ? r.selector().sumCents(w) : r.selector().count(w);
        if (t.history.size() >= r.minHistory()) {
            double mean = 0;
            for (long h : t.history) {
                mean += h;
            }
            mean /= t.history.size();
            double squares = 0;
            for (long h : t.history) {
                squares += (h - mean) * (h - mean);
            }
            double sigma = Math.sqrt(squares / t.history.size());
            double width = Math.max(r.k() * sigma, Math.abs(mean) * r.minBandPct() / 100.0);
            double unit = sum ? 100.0 : 1.0;
            double low = Math.max(0, mean - width) / unit;
            double high = (mean + width) / unit;
            double value = raw / unit;
            double avg = mean / unit;
            Verdict verdict = value > high || value < low ? Verdict.BREACH : Verdict.CLEAR;
            double edge = value > high || (verdict == Verdict.CLEAR && value >= avg) ? high : low;
            String subject = r.selector().noun() + (sum ? " amount" : " count");
            String range = "the expected range " + format(r.metric(), low, false) + " to " + format(r.metric(), high, false);
            Wording wording = (v, n) -> v == Verdict.BREACH
                    ? subject + " " + format(r.metric(), value, false) + " is " + (value > high ? "above " : "below ")
                            + range + " (" + t.history.size() + "-window mean " + format(r.metric(), avg, false)
                            + ") for " + Texts.windows(n) + "."
                    : subject + " " + format(r.metric(), value, false) + " is back within " + range + " after "
                            + Texts.windows(n) + ".";
            apply(t, r.group(), w, verdict, value, edge, edge, r.forWindows(), wording, out);
        }
        t.history.addLast(raw);
        while (t.history.size() > r.windows()) {
            t.history.removeFirst();
        }
    }

    private void velocity(Tracker t, VelocityRule r, WindowSummary w, Map<String, Alert> out) {
        Map<String, Long> failed = w.failedPaymentsByUser();
        long total = 0;
        int users = 0;
        for (Long n : failed.values()) {
            if (n != null && n > 0) {
                total += n;
                users++;
            }
        }
        double mean = users == 0 ? 0 : (double) total / users;
        long limit = r.thresholdFor(mean);
        String why = limit == r.threshold() ? "threshold " + limit
                : "threshold " + limit + ": " + Texts.plain(r.outlierFactor()) + " times the "
                        + Texts.plain(Math.round(mean * 10) / 10.0) + " of an average user with failed payments";
        for (String user : new ArrayList<>(t.episodes.keySet())) {
            long n = failed.getOrDefault(user, 0L);
            if (n < limit) {
                Wording wording = (v, windows) -> "User " + user + " is back below " + limit
                        + " failed payments per window (" + n + " in the last) after " + Texts.windows(windows) + ".";
                apply(t, user, w, Verdict.CLEAR, n, limit, limit, 1, wording, out);
            }
        }
        List<Map.Entry<String, Long>> breaching = new ArrayList<>();
        for (Map.Entry<String, Long> e : failed.entrySet()) {
            if (e.getValue() != null && e.getValue() >= limit) {
                breaching.add(e);
            }
        }
        breaching.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : breaching) {
            String user = e.getKey();
            long n = e.getValue();
            if (!t.episodes.containsKey(user) && t.episodes.size() >= MAX_USER_ALERTS) {
                continue;
            }
            Wording wording = (v, windows) -> "User " + user + " had " + n + " failed payments in one window (" + why
                    + ") for " + Texts.windows(windows) + ".";
            apply(t, user, w, Verdict.BREACH, n, limit, limit, 1, wording, out);
        }
    }

    private void noData(Tracker t, NoDataRule r, Instant now, Instant lastEventAt, List<Alert> out) {
        Episode e = t.episodes.get(NoDataRule.GROUP);
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant silentSince = lastEventAt != null ? lastEventAt : watchStart;
        Duration silence = Duration.between(silentSince, now);
        double after = r.after().toMillis() / 1000.0;
        if (e == null) {
            if (silence.compareTo(r.after()) < 0) {
                return;
            }
            Instant start = minute;
            if (t.lastEpisodeStart != null && !start.isAfter(t.lastEpisodeStart)) {
                start = t.lastEpisodeStart.plus(1, ChronoUnit.MINUTES);
            }
            e = new Episode(start, now, now, 1, true);
            t.episodes.put(NoDataRule.GROUP, e);
            t.lastEpisodeStart = start;
            out.add(alert(r, NoDataRule.GROUP, e, start.plus(1, ChronoUnit.MINUTES), now, silence.toMillis() / 1000.0,
                    after, silenceMessage(silence, lastEventAt, r), AlertState.FIRING));
        } else if (lastEventAt != null && lastEventAt.isAfter(e.firstSeen())) {
            t.episodes.remove(NoDataRule.GROUP);
            String message = "Events are arriving again; the last one came " + Texts.duration(silence) + " ago.";
            out.add(alert(r, NoDataRule.GROUP, e, minute.plus(1, ChronoUnit.MINUTES), now, silence.toMillis() / 1000.0,
                    after, message, AlertState.RESOLVED));
        } else if (minute.isAfter(e.lastSeen().truncatedTo(ChronoUnit.MINUTES))) {
            e = new Episode(e.start(), e.firstSeen(), now, e.occurrences() + 1, true);
            t.episodes.put(NoDataRule.GROUP, e);
            out.add(alert(r, NoDataRule.GROUP, e, minute.plus(1, ChronoUnit.MINUTES), now, silence.toMillis() / 1000.0,
                    after, silenceMessage(silence, lastEventAt, r), AlertState.FIRING));
        }
    }

    private static String silenceMessage(Duration silence, Instant lastEventAt, NoDataRule r) {
        String limit = " (threshold " + Texts.duration(r.after()) + ").";
        return lastEventAt == null
                ? "No events received in the " + Texts.duration(silence) + " since the processor started" + limit
                : "No events received for " + Texts.duration(silence) + limit;
    }

    // ---- episodes ------------------------------------------------------------------------------

    private enum Verdict {
        /** The condition holds in this window. */
        BREACH,
        /** Between recovery and threshold: a firing episode keeps firing, a pending one ends. */
        HOLD,
        /** The recovery condition holds. */
        CLEAR
    }

    /** The message of an update; built only when an update is published. */
    private interface Wording {
        String say(Verdict verdict, int windows);
    }

    /** Moves the episode of one group one window on, and records the update to publish, if any. */
    private static void apply(Tracker t, String group, WindowSummary w, Verdict verdict, double value,
            double threshold, double recovery, int forWindows, Wording wording, Map<String, Alert> out) {
        Episode e = t.episodes.get(group);
        switch (verdict) {
            case BREACH -> {
                e = e == null
                        ? new Episode(w.start(), w.end(), w.end(), 1, false)
                        : new Episode(e.start(), e.firstSeen(), w.end(), e.occurrences() + 1, e.firing());
                if (!e.firing() && e.occurrences() >= forWindows) {
                    e = new Episode(e.start(), e.firstSeen(), e.lastSeen(), e.occurrences(), true);
                }
                t.episodes.put(group, e);
                if (e.firing()) {
                    put(out, alert(t.rule, group, e, w.end(), w.end(), value, threshold,
                            wording.say(verdict, e.occurrences()), AlertState.FIRING));
                }
            }
            case HOLD -> {
                if (e == null) {
                    return;
                }
                if (!e.firing()) {
                    t.episodes.remove(group);
                    return;
                }
                e = new Episode(e.start(), e.firstSeen(), w.end(), e.occurrences() + 1, true);
                t.episodes.put(group, e);
                put(out, alert(t.rule, group, e, w.end(), w.end(), value, threshold,
                        wording.say(verdict, e.occurrences()), AlertState.FIRING));
            }
            case CLEAR -> {
                if (e == null) {
                    return;
                }
                t.episodes.remove(group);
                if (e.firing()) {
                    put(out, alert(t.rule, group, e, w.end(), w.end(), value, recovery,
                            wording.say(verdict, e.occurrences()), AlertState.RESOLVED));
                }
            }
            default -> throw new IllegalStateException("unknown verdict " + verdict);
        }
    }

    private static void put(Map<String, Alert> out, Alert alert) {
        out.put(alert.id(), alert);
    }

    private static Alert alert(AlertRule rule, String group, Episode e, Instant windowEnd, Instant lastSeen,
            double value, double threshold, String message, AlertState state) {
        return new Alert(Alert.idOf(rule.name(), group, e.start()), rule.name(), rule.severity(), group, e.start(),
                windowEnd, value, threshold, message, state, e.occurrences(), e.firstSeen(), lastSeen);
    }

    private static String format(ThresholdRule.Metric metric, double value, boolean configured) {
        return switch (metric) {
            case COUNT -> configured ? Texts.countLevel(value) : Texts.count(value);
            case SUM -> Texts.dollars(value);
            case FAILURE_RATE, SHARE -> configured ? Texts.percentLevel(value) : Texts.percent(value);
        };
    }

    /** The mutable state of one enabled rule. */
    private static final class Tracker {
        final AlertRule rule;
        final TreeMap<String, Episode> episodes = new TreeMap<>();
        final ArrayDeque<Long> history = new ArrayDeque<>();
        Instant lastEpisodeStart;

        Tracker(AlertRule rule, RuleState saved) {
            this.rule = rule;
            if (saved == null) {
                return;
            }
            if (rule instanceof AnomalyRule a) {
                List<Long> h = saved.history();
                history.addAll(h.subList(Math.max(0, h.size() - a.windows()), h.size()));
            }
            String onlyGroup = rule instanceof ThresholdRule r ? r.group()
                    : rule instanceof AnomalyRule r ? r.group()
                    : rule instanceof NoDataRule ? NoDataRule.GROUP
                    : null;
            for (Map.Entry<String, Episode> e : saved.episodes().entrySet()) {
                boolean belongs = onlyGroup == null ? e.getValue().firing() : onlyGroup.equals(e.getKey());
                if (belongs && (!(rule instanceof VelocityRule) || episodes.size() < MAX_USER_ALERTS)) {
                    episodes.put(e.getKey(), e.getValue());
                }
            }
            if (rule instanceof NoDataRule) {
                lastEpisodeStart = saved.lastEpisodeStart();
            }
        }

        void forgetHistory() {
            history.clear();
            episodes.values().removeIf(e -> !e.firing());
        }
    }
}

package io.paypulse.notify;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one contact point, what becomes of each alert update read from {@code payment-alerts}:
 * <ul>
 *   <li>not routed to this contact point, a later republish of a firing bucket (occurrences + 1), or a
 *       RESOLVED update the contact point does not want: {@link Verdict#SKIP}, no receipt;</li>
 *   <li>a silence matches: {@link Verdict#SILENCED};</li>
 *   <li>a WARNING a firing CRITICAL of its family inhibits ({@link Inhibition}): {@link Verdict#INHIBITED};</li>
 *   <li>else {@link Verdict#SEND}: the first FIRING update of a bucket, and its RESOLVED update.</li>
 * </ul>
 * A RESOLVED update follows its FIRING one: when the firing was silenced or inhibited the resolution
 * is too (a receiver never hears "resolved" about something it was never told).
 *
 * <p>Memory is bounded: it remembers the latest state of at most {@value #MAX_BUCKETS} buckets and
 * forgets a bucket once it resolved. Not thread-safe: one per contact point thread.
 */
final class AlertTriage {

    static final int MAX_BUCKETS = 10_000;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    enum Verdict { SKIP, SILENCED, INHIBITED, SEND }

    /** What to do with one update; {@code notice} is set for every verdict but SKIP. */
    record Decision(Verdict verdict, Notice notice, String detail) {
    }

    private final ContactPoint contactPoint;
    private final Notifications notifications;
    private final Inhibition inhibition;
    private final SilenceView silences;
    private final NoticeText text;

    /**
     * The latest FIRING update of every open bucket, for inhibition. A bucket that resolves stays
     * until the end of the batch it resolved in ({@link #endBatch()}): a backlog read in one poll may
     * hold a CRITICAL's whole episode, and the WARNING of its first window must still meet it.
     */
    private final Map<String, Alert> latest = bounded();
    private final Set<String> resolvedInBatch = new HashSet<>();
    /** What became of each open bucket's FIRING update here (null value: not decided yet). */
    private final Map<String, DeliveryReceipt.Outcome> firing = bounded();

    AlertTriage(ContactPoint contactPoint, Notifications notifications, Inhibition inhibition, SilenceView silences,
            NoticeText text) {
        this.contactPoint = contactPoint;
        this.notifications = notifications;
        this.inhibition = inhibition;
        this.silences = silences;
        this.text = text;
    }

    /**
     * Records an update; call for every update of a batch (one poll) before deciding any, and
     * {@link #endBatch()} after deciding them all.
     */
    void observe(Alert alert) {
        if (alert.state() == AlertState.RESOLVED) {
            resolvedInBatch.add(alert.id());
        } else {
            latest.put(alert.id(), alert);
        }
    }

    /** Forgets the buckets that resolved in the batch just decided. */
    void endBatch() {
        resolvedInBatch.forEach(latest::remove);
        resolvedInBatch.clear();
    }

    /**
     * Replays updates that were handled before a restart (before the committed offset), as one batch:
     * remembers their buckets so a republish is not sent again. Whether they were delivered is not
     * known here; what inhibition would have decided is recomputed, silences are not (they may have
     * ended since).
     */
    void replay(List<Alert> alerts) {
        alerts.forEach(this::observe);
        for (Alert alert : alerts) {
            if (!routed(alert)) {
                continue;
            }
            if (alert.state() == AlertState.RESOLVED) {
                firing.remove(alert.id());
            } else if (!firing.containsKey(alert.id())) {
                firing.put(alert.id(), inhibition.inhibitedBy(alert, latest.values()).isPresent()
                        ? DeliveryReceipt.Outcome.INHIBITED : DeliveryReceipt.Outcome.DELIVERED);
            }
        }
        endBatch();
    }

    Decision decide(Alert alert, Instant now) {
        if (!routed(alert)) {
            return new Decision(Verdict.SKIP, null, "");
        }
        if (alert.state() == AlertState.FIRING) {
            if (firing.containsKey(alert.id())) {
                return new Decision(Verdict.SKIP, null, ""); // a republish: already announced
            }
            firing.put(alert.id(), null);
            return judge(alert, now);
        }
        DeliveryReceipt.Outcome before = firing.remove(alert.id());
        if (!contactPoint.sendResolved()) {
            return new Decision(Verdict.SKIP, null, "");
        }
        if (before == DeliveryReceipt.Outcome.SILENCED || before == DeliveryReceipt.Outcome.INHIBITED) {
            return new Decision(before == DeliveryReceipt.Outcome.SILENCED ? Verdict.SILENCED : Verdict.INHIBITED,
                    text.notice(alert), "Not delivered: its firing update was " + before.name().toLowerCase(Locale.ROOT) + ".");
        }
        return judge(alert, now);
    }

    /** Records the final outcome of a FIRING update, which its RESOLVED update follows. */
    void outcome(Alert alert, DeliveryReceipt.Outcome outcome) {
        if (alert.state() == AlertState.FIRING && firing.containsKey(alert.id())) {
            firing.put(alert.id(), outcome);
        }
    }

    /** Forgets everything (partitions revoked; a replay rebuilds it). */
    void clear() {
        latest.clear();
        resolvedInBatch.clear();
        firing.clear();
    }

    private Decision judge(Alert alert, Instant now) {
        Notice notice = text.notice(alert);
        Optional<Silence> silence = silences.active(now).stream().filter(s -> s.matches(alert, now)).findFirst();
        if (silence.isPresent()) {
            Silence s = silence.get();
            outcome(alert, DeliveryReceipt.Outcome.SILENCED);
            return new Decision(Verdict.SILENCED, notice, "Silenced by " + s.id() + " until " + HH_MM.format(s.endsAt())
                    + " UTC" + (s.comment().isBlank() ? "" : " (" + s.comment() + ")") + ".");
        }
        Optional<Alert> by = inhibition.inhibitedBy(alert, latest.values());
        if (by.isPresent()) {
            outcome(alert, DeliveryReceipt.Outcome.INHIBITED);
            return new Decision(Verdict.INHIBITED, notice, "Inhibited by the firing " + by.get().rule()
                    + " alert " + by.get().id() + ".");
        }
        return new Decision(Verdict.SEND, notice, "");
    }

    private boolean routed(Alert alert) {
        return notifications.destinations(alert).contains(contactPoint.name());
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_BUCKETS;
            }
        };
    }
}

package io.paypulse.notify;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.AnomalyRule;
import io.paypulse.alert.NoDataRule;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.event.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an alert update into the {@link Notice} contact points receive, with its one-line summary:
 * {@code CRITICAL payment-failure-rate-critical FIRING: <the alert's message> (Payment, 10:41-10:43 UTC)}.
 */
public final class NoticeText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> selectors = new HashMap<>();

    /** Knows the rules, to say what each one looks at ({@link Notice#selector()}). */
    public NoticeText(List<AlertRule> rules) {
        for (AlertRule rule : rules) {
            String selector = null; // velocity: the group is the user, said by the group itself
            if (rule instanceof ThresholdRule t) {
                selector = t.metric().spelling() + " of " + t.group();
            } else if (rule instanceof AnomalyRule a) {
                selector = a.metric().spelling() + " of " + a.selector().key();
            } else if (rule instanceof NoDataRule) {
                selector = "all events";
            }
            if (selector != null) {
                selectors.put(rule.name(), selector);
            }
        }
    }

    public Notice notice(Alert alert) {
        String selector = selectors.getOrDefault(alert.rule(), alert.group());
        return new Notice(alert.id(), alert.rule(), alert.severity(), alert.state(), alert.group(),
                alert.windowStart(), alert.windowEnd(), alert.value(), alert.threshold(), selector,
                alert.occurrences(), summary(alert));
    }

    /** The one plain line: severity, rule, state, the engine's message, group and window. */
    public static String summary(Alert alert) {
        String message = alert.message() == null ? "" : alert.message().strip();
        return alert.severity() + " " + alert.rule() + " " + alert.state()
                + (message.isEmpty() ? "" : ": " + message)
                + " (" + alert.group() + ", " + window(alert.windowStart(), alert.windowEnd()) + ")";
    }

    /** {@code 10:41-10:43 UTC}; with the date when the window spans midnight. */
    static String window(Instant start, Instant end) {
        if (start == null || end == null) {
            return "window unknown";
        }
        boolean sameDay = start.atOffset(ZoneOffset.UTC).toLocalDate()
                .equals(end.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate());
        return sameDay ? TIME.format(start) + "-" + TIME.format(end) + " UTC"
                : DAY_TIME.format(start) + " - " + DAY_TIME.format(end) + " UTC";
    }
}

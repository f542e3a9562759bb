package io.paypulse.app.notify;

import io.paypulse.event.AlertState;
import io.paypulse.notify.DeliveryReceipt;
import io.paypulse.notify.DeliveryReceipt.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is known about one alert's deliveries: the latest receipt per contact point, folded into one
 * short line for the alert feed ("desktop ✓ · on-call ✓", "ops-hook ✗ HTTP 400", "silenced"). Not
 * thread-safe: {@link DeliveryLog} guards it.
 */
final class DeliveryRecord {

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d{3}");
    private static final int MAX_REASON = 40;

    /**
     * Contact point name to its latest receipt, by name: receipts of one alert arrive from several
     * partitions in any order, and the line must not change with that order.
     */
    private final Map<String, DeliveryReceipt> latest = new TreeMap<>();

    void add(DeliveryReceipt r) {
        DeliveryReceipt before = latest.get(r.contactPoint());
        if (before == null || newer(r, before)) {
            latest.put(r.contactPoint(), r);
        }
    }

    /** A RESOLVED receipt outranks the FIRING one (it is the alert's last word); then the later one. */
    private static boolean newer(DeliveryReceipt r, DeliveryReceipt before) {
        if (r.state() != before.state()) {
            return r.state() == AlertState.RESOLVED;
        }
        return before.at() == null || (r.at() != null && !r.at().isBefore(before.at()));
    }

    String text() {
        if (latest.isEmpty()) {
            return "";
        }
        Map<Outcome, Integer> byOutcome = new HashMap<>();
        latest.values().forEach(r -> byOutcome.merge(r.outcome(), 1, Integer::sum));
        // Every contact point held back the same way: one word says it all.
        if (byOutcome.size() == 1 && (byOutcome.containsKey(Outcome.SILENCED)
                || byOutcome.containsKey(Outcome.INHIBITED))) {
            return byOutcome.containsKey(Outcome.SILENCED) ? "silenced" : "inhibited";
        }
        List<String> parts = new ArrayList<>();
        for (DeliveryReceipt r : latest.values()) {
            parts.add(r.contactPoint() + " " + mark(r));
        }
        return String.join(" · ", parts);
    }

    private static String mark(DeliveryReceipt r) {
        return switch (r.outcome()) {
            case DELIVERED -> "✓";
            case FAILED -> ("✗ " + reason(r.detail())).strip();
            case SILENCED -> "silenced";
            case INHIBITED -> "inhibited";
            case GROUPED -> "✓ grouped";
        };
    }

    /** "HTTP 400 from hooks.example.com: not retried" becomes "HTTP 400"; other reasons are cut short. */
    static String reason(String detail) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        Matcher m = HTTP_STATUS.matcher(detail);
        if (m.find()) {
            return m.group();
        }
        String s = detail.strip();
        int colon = s.indexOf(':');
        if (colon > 0) {
            s = s.substring(0, colon);
        }
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}

package io.paypulse.notify;

import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One message to a contact point (one HTTP POST, one desktop notification): a single alert update,
 * a digest of the updates the rate limit held back ("12 more alerts: ..."), or a test.
 *
 * @param notices  the alert updates it carries: one for {@link Type#ALERT}, all folded ones for a
 *                 digest, none for a test
 * @param summary  one plain line without links, shown as the notification's text
 */
public record Message(Type type, List<Notice> notices, String summary) {

    public enum Type {
        ALERT, DIGEST, TEST
    }

    public Message {
        notices = List.copyOf(notices);
        if (type == Type.ALERT && notices.size() != 1) {
            throw new IllegalArgumentException("an alert message carries exactly one notice");
        }
        if (type == Type.DIGEST && notices.isEmpty()) {
            throw new IllegalArgumentException("a digest carries at least one notice");
        }
    }

    public static Message of(Notice notice) {
        return new Message(Type.ALERT, List.of(notice), notice.summary());
    }

    /** The updates a rate limit held back, as one message: "12 more alerts: card-testing ×7, ...". */
    public static Message digest(List<Notice> folded) {
        Map<String, Long> byRule = folded.stream().collect(Collectors.groupingBy(
                n -> n.rule() + (n.state() == AlertState.RESOLVED ? " resolved" : ""), TreeMap::new,
                Collectors.counting()));
        long critical = folded.stream().filter(n -> n.severity() == Severity.CRITICAL).count();
        String rules = byRule.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        String summary = folded.size() + (folded.size() == 1 ? " more alert" : " more alerts")
                + " held back by the rate limit" + (critical > 0 ? " (" + critical + " CRITICAL)" : "") + ": " + rules;
        return new Message(Type.DIGEST, folded, summary);
    }

    /** What "Send test" delivers: proves the contact point works without an alert. */
    public static Message test(ContactPoint contactPoint) {
        return new Message(Type.TEST, List.of(), "PayPulse test message for contact point '" + contactPoint.name()
                + "': alerts routed to it will arrive here.");
    }

    /** How many alert updates it carries (0 for a test). */
    public int alertCount() {
        return notices.size();
    }
}

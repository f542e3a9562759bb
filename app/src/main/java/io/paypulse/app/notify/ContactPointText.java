package io.paypulse.app.notify;

import io.paypulse.event.Severity;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.Route;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How a contact point reads in the Notifications window; pure, so tested without a stage. */
final class ContactPointText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ContactPointText() {
    }

    static ContactPointRow row(ContactPoint cp, Notifications n, ReceiptStatus status, String note,
                               Clock clock) {
        String error = status.lastError().isEmpty() ? note
                : time(status.lastErrorAt(), clock) + "  " + status.lastError();
        return new ContactPointRow(cp.name(), cp.kind().key(), destination(cp.url()), routes(cp.name(), n),
                status.lastDelivery() == null ? "never" : time(status.lastDelivery(), clock), error);
    }

    /** "https://hooks.slack.com" — never the path, query or user info, where tokens live. */
    static String destination(URI url) {
        if (url == null) {
            return "this computer";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** The routes that reach a contact point: "CRITICAL", "WARNING of card-testing", "all alerts". */
    static String routes(String contactPoint, Notifications n) {
        List<String> parts = new ArrayList<>();
        for (Route r : n.routes()) {
            if (!r.contactPoints().contains(contactPoint)) {
                continue;
            }
            String severities = r.severities().stream().sorted().map(Severity::name).collect(Collectors.joining("+"));
            String rules = r.rules().stream().sorted().collect(Collectors.joining(", "));
            if (severities.isEmpty() && rules.isEmpty()) {
                parts.add("all alerts");
            } else if (rules.isEmpty()) {
                parts.add(severities);
            } else {
                parts.add((severities.isEmpty() ? "" : severities + " of ") + rules);
            }
        }
        return parts.isEmpty() ? "no route: receives nothing" : String.join("; ", parts);
    }

    /** "10:42:03" today, "2026-12-02 23:59" before. */
    static String time(Instant at, Clock clock) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(clock.getZone());
        return local.toLocalDate().equals(LocalDate.now(clock)) ? TIME.format(local) : DAY_TIME.format(local);
    }
}

package io.paypulse.app.events;

import io.paypulse.event.Alert;
import io.paypulse.event.PaymentType;
import io.paypulse.investigate.EventFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an Events window shows: a filter (window, type, status, user...) and a title such as
 * "Failed payments of user_004711, 10:41–10:42". Build one with {@link #forAlert} or {@link #forMinute}.
 *
 * @param subject  who the events are about when one user ({@code user_004711}), else null: the title
 *                 names it, and masks it when the window's mask is on
 */
public record EventsRequest(EventFilter filter, String what, String subject) {

    /** Series of the dashboard's charts, for {@link #forMinute}. */
    public static final String PAYMENTS_OK = "payments-ok";
    public static final String PAYMENTS_FAILED = "payments-failed";
    public static final String REFUNDS_OK = "refunds-ok";
    public static final String REFUNDS_FAILED = "refunds-failed";
    /** Every payment (the payment rate chart), every refund, every event (throughput, amount). */
    public static final String PAYMENTS = "payments";
    public static final String REFUNDS = "refunds";
    public static final String ALL = "all";

    private static final Pattern USER = Pattern.compile("user_\\d{6}");
    private static final Pattern TYPE_STATUS = Pattern.compile("(Payment|Refund|any)/(ok|failed|any)");

    /**
     * The events behind an alert, in the alert's window ({@code windowStart} of the episode to {@code windowEnd}
     * of its latest window), read from its group (see process/alert):
     * <ul>
     *   <li>{@code user_004711} (velocity, card testing): that user's failed payments;
     *   <li>{@code Payment} or {@code Refund} (failure-rate rules): the failed payments or refunds;
     *   <li>{@code Payment/failed}, {@code Refund/any}, {@code any/ok} (count, sum, share, anomaly): those;
     *   <li>{@code all} (no-data, rules over every event) and anything else: every event.
     * </ul>
     */
    public static EventsRequest forAlert(Alert alert) {
        EventFilter window = EventFilter.window(alert.windowStart(), alert.windowEnd());
        String group = alert.group() == null ? "" : alert.group();
        if (USER.matcher(group).matches()) {
            return new EventsRequest(window.withUser(group).withType(PaymentType.PAYMENT).withFailed(true),
                    "Failed payments", group);
        }
        if (group.equals("Payment") || group.equals("Refund")) {
            PaymentType type = PaymentType.fromLabel(group);
            return of(window.withType(type).withFailed(true));
        }
        var m = TYPE_STATUS.matcher(group);
        if (m.matches()) {
            PaymentType type = m.group(1).equals("any") ? null : PaymentType.fromLabel(m.group(1));
            Boolean failed = m.group(2).equals("any") ? null : m.group(2).equals("failed");
            return of(window.withType(type).withFailed(failed));
        }
        return of(window);
    }

    /**
     * The events of one minute of a chart series, e.g. {@code forMinute(PAYMENTS_FAILED, 10:41)}: the failed
     * payments of 10:41:00–10:42:00.
     *
     * @throws IllegalArgumentException for a series not named by the constants above
     */
    public static EventsRequest forMinute(String series, Instant minuteStart) {
        EventFilter w = EventFilter.window(minuteStart, minuteStart.plus(Duration.ofMinutes(1)));
        return of(switch (series) {
            case PAYMENTS_OK -> w.withType(PaymentType.PAYMENT).withFailed(false);
            case PAYMENTS_FAILED -> w.withType(PaymentType.PAYMENT).withFailed(true);
            case REFUNDS_OK -> w.withType(PaymentType.REFUND).withFailed(false);
            case REFUNDS_FAILED -> w.withType(PaymentType.REFUND).withFailed(true);
            case PAYMENTS -> w.withType(PaymentType.PAYMENT);
            case REFUNDS -> w.withType(PaymentType.REFUND);
            case ALL -> w;
            default -> throw new IllegalArgumentException("unknown series '" + series + "' (allowed: "
                    + String.join(", ", PAYMENTS_OK, PAYMENTS_FAILED, REFUNDS_OK, REFUNDS_FAILED, PAYMENTS, REFUNDS, ALL)
                    + ")");
        });
    }

    /**
     * The events behind a point of the dashboard's charts, named by the chart's series key: a group key
     * of the aggregate topic ({@code Payment/failed}), {@code Payment/failure-rate} or
     * {@code Refund/failure-rate} (every payment or refund of the minute: the rate's denominator), or
     * {@code Amount} (every event).
     *
     * @throws IllegalArgumentException for another key
     */
    public static EventsRequest forChartPoint(String chartKey, Instant minuteStart) {
        return forMinute(switch (chartKey) {
            case "Payment/ok" -> PAYMENTS_OK;
            case "Payment/failed" -> PAYMENTS_FAILED;
            case "Refund/ok" -> REFUNDS_OK;
            case "Refund/failed" -> REFUNDS_FAILED;
            case "Payment/failure-rate" -> PAYMENTS;
            case "Refund/failure-rate" -> REFUNDS;
            case "Amount" -> ALL;
            default -> throw new IllegalArgumentException("unknown chart series '" + chartKey + "'");
        }, minuteStart);
    }

    /** A request for a filter, titled by its type and status ("Failed refunds", "Events"). */
    public static EventsRequest of(EventFilter filter) {
        return new EventsRequest(filter, what(filter.type(), filter.failed()), filter.user());
    }

    /** e.g. "Failed payments of user_004711, 10:41–10:42" (with {@code shownSubject} for the user). */
    public String title(ZoneId zone, String shownSubject) {
        StringBuilder b = new StringBuilder(what);
        if (subject != null) {
            b.append(" of ").append(shownSubject);
        }
        if (filter.from() != null) {
            b.append(", ").append(span(filter.from(), filter.to(), zone));
        }
        return b.toString();
    }

    private static String span(Instant from, Instant to, ZoneId zone) {
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
        boolean today = from.atZone(zone).toLocalDate().equals(Instant.now().atZone(zone).toLocalDate());
        String start = (today ? hm : day).format(from);
        return to == null ? "from " + start : start + "–" + hm.format(to);
    }

    private static String what(PaymentType type, Boolean failed) {
        String noun = type == null ? "events" : type == PaymentType.PAYMENT ? "payments" : "refunds";
        String phrase = failed == null ? noun : (failed ? "failed " : type == PaymentType.REFUND ? "processed " : "successful ") + noun;
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }
}

package io.paypulse.investigate;

import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which events an events query keeps. Every criterion is optional (null = any):
 * <ul>
 *   <li>{@code from}/{@code to}: event time in {@code [from, to)} (the event's own timestamp, not the record's);
 *   <li>{@code user}: the user id, exactly ({@code 4711} is read as {@code user_004711});
 *   <li>{@code order}: part of the order id; {@code id}: part of the payment id or the refund id;
 *       {@code reason}: part of the failure reason (all three ignore case);
 *   <li>{@code minCents}/{@code maxCents}: amount range, both ends included;
 *   <li>{@code type}: payment or refund; {@code failed}: true = failed only, false = successful only.
 * </ul>
 */
public record EventFilter(Instant from, Instant to, String user, String order, String id, Long minCents,
        Long maxCents, PaymentType type, Boolean failed, String reason) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,6}");

    /** Every event. */
    public static final EventFilter ALL = new EventFilter(null, null, null, null, null, null, null, null, null, null);

    public EventFilter {
        user = normalizeUser(blankToNull(user));
        order = lower(blankToNull(order));
        id = lower(blankToNull(id));
        reason = lower(blankToNull(reason));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the window is empty: from " + from + " is not before to " + to);
        }
        if (minCents != null && maxCents != null && minCents > maxCents) {
            throw new IllegalArgumentException("the minimum amount is above the maximum amount");
        }
    }

    /** Events of {@code [from, to)}; {@code to} null = open-ended. */
    public static EventFilter window(Instant from, Instant to) {
        return ALL.withWindow(from, to);
    }

    public EventFilter withWindow(Instant newFrom, Instant newTo) {
        return new EventFilter(newFrom, newTo, user, order, id, minCents, maxCents, type, failed, reason);
    }

    public EventFilter withUser(String newUser) {
        return new EventFilter(from, to, newUser, order, id, minCents, maxCents, type, failed, reason);
    }

    public EventFilter withOrder(String newOrder) {
        return new EventFilter(from, to, user, newOrder, id, minCents, maxCents, type, failed, reason);
    }

    public EventFilter withId(String newId) {
        return new EventFilter(from, to, user, order, newId, minCents, maxCents, type, failed, reason);
    }

    public EventFilter withAmounts(Long min, Long max) {
        return new EventFilter(from, to, user, order, id, min, max, type, failed, reason);
    }

    public EventFilter withType(PaymentType newType) {
        return new EventFilter(from, to, user, order, id, minCents, maxCents, newType, failed, reason);
    }

    public EventFilter withFailed(Boolean newFailed) {
        return new EventFilter(from, to, user, order, id, minCents, maxCents, type, newFailed, reason);
    }

    public EventFilter withReason(String newReason) {
        return new EventFilter(from, to, user, order, id, minCents, maxCents, type, failed, newReason);
    }

    public boolean matches(ParsedEvent e) {
        Instant t = e.eventTime();
        if (from != null && t.isBefore(from) || to != null && !t.isBefore(to)) {
            return false;
        }
        if (type != null && e.type() != type || failed != null && e.failed() != failed) {
            return false;
        }
        if (minCents != null && e.amountCents() < minCents || maxCents != null && e.amountCents() > maxCents) {
            return false;
        }
        if (user != null && !user.equals(e.userId())) {
            return false;
        }
        if (order != null && !contains(e.orderId(), order)) {
            return false;
        }
        if (id != null && !contains(e.paymentId(), id) && !contains(e.refundId(), id)) {
            return false;
        }
        return reason == null || contains(e.failReason(), reason);
    }

    private static boolean contains(String value, String lowerPart) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerPart);
    }

    private static String normalizeUser(String user) {
        if (user != null && DIGITS.matcher(user).matches()) {
            return "user_" + "0".repeat(6 - user.length()) + user;
        }
        return user;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}

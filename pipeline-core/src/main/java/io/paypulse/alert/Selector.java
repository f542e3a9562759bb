package io.paypulse.alert;

import io.paypulse.event.Group;
import io.paypulse.event.PaymentType;
import java.util.Locale;
import java.util.Objects;

/**
 * Which of the four groups a rule looks at: a type (payment, refund or any) and a status
 * (ok, failed or any). Written {@code type:} and {@code status:} in the rules file.
 */
public record Selector(Type type, Status status) {

    public enum Type { PAYMENT, REFUND, ANY }

    public enum Status { OK, FAILED, ANY }

    public static final Selector ALL = new Selector(Type.ANY, Status.ANY);

    public Selector {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public boolean matches(Group group) {
        boolean typeMatches = type == Type.ANY
                || (type == Type.PAYMENT) == (group.type() == PaymentType.PAYMENT);
        boolean statusMatches = status == Status.ANY || (status == Status.FAILED) == group.failed();
        return typeMatches && statusMatches;
    }

    public long count(WindowSummary window) {
        long n = 0;
        for (Group g : Group.ALL) {
            if (matches(g)) {
                n += window.count(g);
            }
        }
        return n;
    }

    public long sumCents(WindowSummary window) {
        long n = 0;
        for (Group g : Group.ALL) {
            if (matches(g)) {
                n += window.sumCents(g);
            }
        }
        return n;
    }

    /** The alert group: {@code Payment/failed} as in {@link Group#key()}, {@code Refund/any}, {@code any/ok}, or {@code all}. */
    public String key() {
        if (type == Type.ANY && status == Status.ANY) {
            return "all";
        }
        return typeLabel() + "/" + status.name().toLowerCase(Locale.ROOT);
    }

    /** The type alone as an alert group, e.g. {@code Payment} (failure-rate rules), or {@code all}. */
    public String typeKey() {
        return type == Type.ANY ? "all" : typeLabel();
    }

    /** Capitalised noun for messages: "Refund", "Failed payment", "Successful event", "Event". */
    public String noun() {
        String thing = switch (type) {
            case PAYMENT -> "payment";
            case REFUND -> "refund";
            case ANY -> "event";
        };
        String phrase = switch (status) {
            case OK -> "successful " + thing;
            case FAILED -> "failed " + thing;
            case ANY -> thing;
        };
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private String typeLabel() {
        return switch (type) {
            case PAYMENT -> PaymentType.PAYMENT.label();
            case REFUND -> PaymentType.REFUND.label();
            case ANY -> "any";
        };
    }
}

package io.paypulse.event;

import java.util.List;

/**
 * The aggregation group of the original project: (type, is_failed). There are exactly four;
 * {@link #index()} gives each a fixed slot so window totals can live in small arrays.
 */
public record Group(PaymentType type, boolean failed) {

    public static final List<Group> ALL = List.of(
            new Group(PaymentType.PAYMENT, false),
            new Group(PaymentType.PAYMENT, true),
            new Group(PaymentType.REFUND, false),
            new Group(PaymentType.REFUND, true));

    public int index() {
        return type.ordinal() * 2 + (failed ? 1 : 0);
    }

    public static Group of(int index) {
        return ALL.get(index);
    }

    public static Group of(PaymentType type, boolean failed) {
        return ALL.get(type.ordinal() * 2 + (failed ? 1 : 0));
    }

    /** Stable text key, e.g. {@code Payment/failed}, used as Kafka key and alert group. */
    public String key() {
        return type.label() + (failed ? "/failed" : "/ok");
    }
}

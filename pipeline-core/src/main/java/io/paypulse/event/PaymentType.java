package io.paypulse.event;

/** What a log line is about. {@link #label()} is the spelling used in CSVs and JSON. */
public enum PaymentType {
    PAYMENT("Payment"),
    REFUND("Refund");

    private final String label;

    PaymentType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PaymentType fromLabel(String label) {
        for (PaymentType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + label + "' (allowed: Payment, Refund)");
    }
}

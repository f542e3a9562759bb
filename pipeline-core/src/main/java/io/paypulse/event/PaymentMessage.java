package io.paypulse.event;

/**
 * The message text of a log line, in the four shapes of the original project, with the grammar
 * that reads it back. The grammar is a hand-written recursive-descent reader over fixed literals
 * and typed tokens (ids, amount, IPv4), so a wrong shape is reported with what was expected and
 * where, instead of words being picked by position.
 *
 * <p>{@code reference} is the payment id (pay_…) of a successful payment, the refund id (ref_…) of a
 * processed refund, or null; {@code reason} is set exactly when {@code failed}.
 */
public record PaymentMessage(
        PaymentType type,
        boolean failed,
        String orderId,
        long amountCents,
        String userId,
        String reference,
        String reason,
        String ipAddress) {

    /** The longest reason we accept; the original's are under 30 characters. */
    public static final int MAX_REASON_LENGTH = 200;

    public String render() {
        StringBuilder b = new StringBuilder(160);
        b.append(type.label()).append(' ');
        if (failed) {
            b.append("FAILED");
        } else {
            b.append(type == PaymentType.PAYMENT ? "successful" : "processed");
        }
        b.append(" for order ").append(orderId)
                .append(". Amount: $").append(Money.format(amountCents))
                .append(". User: ").append(userId).append(". ");
        if (failed) {
            b.append("Reason: ").append(reason);
        } else {
            b.append(type == PaymentType.PAYMENT ? "Payment ID: " : "Refund ID: ").append(reference);
        }
        return b.append(". IP: ").append(ipAddress).toString();
    }

    /**
     * Reads a message.
     *
     * @throws MessageFormatException with a reason a person can act on
     */
    public static PaymentMessage parse(String text) {
        return new MessageReader(text).read();
    }
}

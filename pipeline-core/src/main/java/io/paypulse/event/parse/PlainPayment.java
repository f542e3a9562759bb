package io.paypulse.event.parse;

import static io.paypulse.event.parse.PlainLogLine.ascii;
import static io.paypulse.event.parse.PlainLogLine.text;

import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.util.Arrays;

/**
 * Reads a payment message straight from the bytes of a plain log line ({@link PlainLogLine}: ASCII, no
 * escapes), without making the message a String first: the same grammar as
 * {@link PaymentMessage#parse} (literals, {@code order_} + 12 lower-case hex digits, an amount of 1 to 12
 * digits and two decimals, {@code user_} + 6 digits, a payment or refund id or a reason of at most
 * {@link PaymentMessage#MAX_REASON_LENGTH} characters up to the last {@code ". IP: "}, an IPv4 address).
 *
 * <p>Why: the String reader (a substring per literal test, a message String per event) was the largest
 * part of the parse on the parsed CSV sink's thread and the stream thread (issue 11). It answers only
 * for a message the grammar accepts; for anything else it returns null and the caller asks
 * {@link PaymentMessage#parse}, which words the reason. {@code LogLineParserAgreementTest} and
 * {@code PlainPaymentTest} check both give the same message, or both refuse.
 */
final class PlainPayment {

    private static final byte[] PAYMENT = ascii("Payment ");
    private static final byte[] REFUND = ascii("Refund ");
    private static final byte[] FAILED = ascii("FAILED");
    private static final byte[] SUCCESSFUL = ascii("successful");
    private static final byte[] PROCESSED = ascii("processed");
    private static final byte[] FOR_ORDER = ascii(" for order order_");
    private static final byte[] AMOUNT = ascii(". Amount: $");
    private static final byte[] USER = ascii(". User: user_");
    private static final byte[] REASON = ascii(". Reason: ");
    private static final byte[] PAYMENT_ID = ascii(". Payment ID: pay_");
    private static final byte[] REFUND_ID = ascii(". Refund ID: ref_");
    private static final byte[] IP = ascii(". IP: ");

    private PlainPayment() {
    }

    /** The message in {@code v[from, to)} (ASCII), or null when {@link PaymentMessage#parse} must say why not. */
    static PaymentMessage read(byte[] v, int from, int to) {
        int p = from;
        PaymentType type;
        if (starts(v, p, to, PAYMENT)) {
            type = PaymentType.PAYMENT;
            p += PAYMENT.length;
        } else if (starts(v, p, to, REFUND)) {
            type = PaymentType.REFUND;
            p += REFUND.length;
        } else {
            return null;
        }
        boolean failed;
        byte[] outcome = type == PaymentType.PAYMENT ? SUCCESSFUL : PROCESSED;
        if (starts(v, p, to, FAILED)) {
            failed = true;
            p += FAILED.length;
        } else if (starts(v, p, to, outcome)) {
            failed = false;
            p += outcome.length;
        } else {
            return null;
        }
        int end = afterHexId(v, p, to, FOR_ORDER, 12);
        if (end < 0) {
            return null;
        }
        String orderId = text(v, end - "order_".length() - 12, end);
        p = end;
        if (!starts(v, p, to, AMOUNT)) {
            return null;
        }
        p += AMOUNT.length;
        long cents = 0;
        int digits = 0;
        while (p < to && isDigit(v[p]) && digits < 13) {
            cents = cents * 10 + (v[p++] - '0');
            digits++;
        }
        if (digits == 0 || digits > 12 || p + 3 > to || v[p] != '.' || !isDigit(v[p + 1]) || !isDigit(v[p + 2])) {
            return null;
        }
        cents = cents * 100 + (v[p + 1] - '0') * 10 + (v[p + 2] - '0');
        p += 3;
        if (!starts(v, p, to, USER)) {
            return null;
        }
        int userStart = p + USER.length - "user_".length();
        p += USER.length;
        for (int userEnd = p + 6; p < userEnd; p++) {
            if (p >= to || !isDigit(v[p])) {
                return null;
            }
        }
        String userId = text(v, userStart, p);
        String reference = null;
        String reason = null;
        if (failed) {
            if (!starts(v, p, to, REASON)) {
                return null;
            }
            p += REASON.length;
            end = lastIp(v, p, to);
            if (end <= p || end - p > PaymentMessage.MAX_REASON_LENGTH) {
                return null;
            }
            reason = text(v, p, end);
            p = end;
        } else {
            end = afterHexId(v, p, to, type == PaymentType.PAYMENT ? PAYMENT_ID : REFUND_ID, 16);
            if (end < 0) {
                return null;
            }
            reference = text(v, end - "pay_".length() - 16, end);
            p = end;
        }
        if (!starts(v, p, to, IP)) {
            return null;
        }
        p += IP.length;
        int ipStart = p;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (p >= to || v[p] != '.') {
                    return null;
                }
                p++;
            }
            int value = 0;
            int count = 0;
            while (p < to && isDigit(v[p]) && count < 4) {
                value = value * 10 + (v[p++] - '0');
                count++;
            }
            if (count == 0 || count > 3 || value > 255) {
                return null;
            }
        }
        if (p != to) {
            return null;
        }
        return new PaymentMessage(type, failed, orderId, cents, userId, reference, reason, text(v, ipStart, p));
    }

    /**
     * Given {@code literal} (ending in an id's prefix such as {@code order_}) at {@code p}, then {@code digits}
     * lower-case hex digits: the index after them, or -1.
     */
    private static int afterHexId(byte[] v, int p, int to, byte[] literal, int digits) {
        if (!starts(v, p, to, literal)) {
            return -1;
        }
        int at = p + literal.length;
        return hex(v, at, to, digits) ? at + digits : -1;
    }

    /** Where the last {@code ". IP: "} in {@code v[from, to)} starts, or -1. */
    private static int lastIp(byte[] v, int from, int to) {
        for (int i = to - IP.length; i >= from; i--) {
            if (v[i] == '.' && starts(v, i, to, IP)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean starts(byte[] v, int p, int to, byte[] literal) {
        return p + literal.length <= to && Arrays.equals(v, p, p + literal.length, literal, 0, literal.length);
    }

    private static boolean hex(byte[] v, int p, int to, int count) {
        if (p + count > to) {
            return false;
        }
        for (int i = p; i < p + count; i++) {
            byte c = v[i];
            if (!(isDigit(c) || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

}

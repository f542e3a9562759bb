package io.paypulse.event;

/** Recursive-descent reader for {@link PaymentMessage}; one instance per message. */
final class MessageReader {

    private final String s;
    private final int length;
    private int pos;

    MessageReader(String text) {
        this.s = text;
        this.length = text.length();
    }

    PaymentMessage read() {
        PaymentType type;
        if (accept("Payment ")) {
            type = PaymentType.PAYMENT;
        } else if (accept("Refund ")) {
            type = PaymentType.REFUND;
        } else {
            throw error("'Payment ' or 'Refund '");
        }
        boolean failed;
        if (accept("FAILED")) {
            failed = true;
        } else if (accept(type == PaymentType.PAYMENT ? "successful" : "processed")) {
            failed = false;
        } else {
            throw error(type == PaymentType.PAYMENT ? "'successful' or 'FAILED'" : "'processed' or 'FAILED'");
        }
        expect(" for order ");
        String orderId = prefixedHex("order_", 12);
        expect(". Amount: $");
        long cents = amount();
        expect(". User: ");
        String userId = prefixedDigits("user_", 6);
        expect(". ");
        String reference = null;
        String reason = null;
        if (failed) {
            expect("Reason: ");
            reason = reason();
        } else if (type == PaymentType.PAYMENT) {
            expect("Payment ID: ");
            reference = prefixedHex("pay_", 16);
        } else {
            expect("Refund ID: ");
            reference = prefixedHex("ref_", 16);
        }
        expect(". IP: ");
        String ip = ipv4();
        if (pos != s.length()) {
            throw error("end of message");
        }
        return new PaymentMessage(type, failed, orderId, cents, userId, reference, reason, ip);
    }

    private boolean accept(String literal) {
        if (s.startsWith(literal, pos)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    private void expect(String literal) {
        if (!accept(literal)) {
            throw error("'" + literal + "'");
        }
    }

    private String prefixedHex(String prefix, int digits) {
        int start = pos;
        expect(prefix);
        for (int end = pos + digits; pos < end; pos++) {
            char c = peek();
            if (!(isDigit(c) || (c >= 'a' && c <= 'f'))) {
                throw error(prefix + " followed by " + digits + " lowercase hex digits");
            }
        }
        return s.substring(start, pos);
    }

    private String prefixedDigits(String prefix, int digits) {
        int start = pos;
        expect(prefix);
        for (int end = pos + digits; pos < end; pos++) {
            if (!isDigit(peek())) {
                throw error(prefix + " followed by " + digits + " digits");
            }
        }
        return s.substring(start, pos);
    }

    private long amount() {
        long units = 0;
        int digits = 0;
        while (digits < 13 && isDigit(peek())) {
            units = units * 10 + (s.charAt(pos++) - '0');
            digits++;
        }
        if (digits == 0 || digits > 12) {
            throw error("an amount of 1 to 12 digits");
        }
        if (peek() != '.') {
            throw error("'.' and two decimals in the amount");
        }
        pos++;
        for (int i = 0; i < 2; i++) {
            char c = peek();
            if (c < '0' || c > '9') {
                throw error("two decimals in the amount");
            }
            units = units * 10 + (c - '0');
            pos++;
        }
        return units;
    }

    /** A reason runs to the ". IP: " that ends it; it may contain any text but that. */
    private String reason() {
        int end = s.lastIndexOf(". IP: ");
        if (end < pos) {
            throw error("a reason followed by '. IP: '");
        }
        if (end == pos) {
            throw error("a non-empty reason");
        }
        if (end - pos > PaymentMessage.MAX_REASON_LENGTH) {
            throw error("a reason of at most " + PaymentMessage.MAX_REASON_LENGTH + " characters");
        }
        String reason = s.substring(pos, end);
        pos = end;
        return reason;
    }

    private String ipv4() {
        int start = pos;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (peek() != '.') {
                    throw error("an IPv4 address");
                }
                pos++;
            }
            int value = 0;
            int digits = 0;
            while (digits < 4 && isDigit(peek())) {
                value = value * 10 + (s.charAt(pos++) - '0');
                digits++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                throw error("an IPv4 address");
            }
        }
        return s.substring(start, pos);
    }

    private char peek() {
        return pos < length ? s.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private MessageFormatException error(String expected) {
        String found = pos >= s.length() ? "end of text" : "'" + abbreviate(s.substring(pos)) + "'";
        return new MessageFormatException("expected " + expected + " at character " + (pos + 1) + ", found " + found);
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }
}

package io.paypulse.event;

/** Amounts are carried as whole cents (long) so sums are exact; text is always two decimals. */
public final class Money {

    private Money() {
    }

    public static String format(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        long frac = abs % 100;
        return sign + (abs / 100) + (frac < 10 ? ".0" : ".") + frac;
    }

    /** Parses {@code 123.45}; exactly two decimals. Throws IllegalArgumentException otherwise. */
    public static long parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 1 || dot != text.length() - 3) {
            throw new IllegalArgumentException("amount '" + text + "' is not of the form 123.45");
        }
        long units = 0;
        for (int i = 0; i < text.length(); i++) {
            if (i == dot) {
                continue;
            }
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("amount '" + text + "' is not of the form 123.45");
            }
            units = units * 10 + (c - '0');
            if (units > 1_000_000_000_000L) {
                throw new IllegalArgumentException("amount '" + text + "' is too large");
            }
        }
        return units;
    }
}

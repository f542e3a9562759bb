package io.paypulse.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@link Instant#toString()}, character for character, without {@code java.time}'s formatter: the
 * parsed CSV writes one per row, and the formatter (a LocalDateTime, a StringBuilder and its printer
 * chain per call) was a visible part of the sink thread. Instants outside years 1970 to 9999 are
 * left to {@code java.time}. {@code InstantTextTest} compares the two on random instants.
 */
final class InstantText {

    /** 10000-01-01T00:00:00Z: from here java.time writes a '+' and five-digit years. */
    private static final long MAX_SECOND = 253_402_300_800L;

    private InstantText() {
    }

    /** The longest text {@link #write} writes: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_BYTES = 30;

    static String of(Instant t) {
        byte[] b = new byte[MAX_BYTES];
        int end = write(t, b, 0);
        return end < 0 ? t.toString() : new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the text of {@code t} as ASCII bytes at {@code b[at]} (room for {@link #MAX_BYTES} needed).
     *
     * @return the index after the last byte written, or -1 (nothing written) for an instant outside years
     *         1970 to 9999, which only {@link Instant#toString()} writes
     */
    static int write(Instant t, byte[] b, int at) {
        long sec = t.getEpochSecond();
        if (sec < 0 || sec >= MAX_SECOND) {
            return -1;
        }
        int nano = t.getNano();
        long days = sec / 86_400;
        int secOfDay = (int) (sec - days * 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; days >= 0 here).
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));

        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        digits(b, at, year, 4);
        b[at + 4] = '-';
        digits(b, at + 5, month, 2);
        b[at + 7] = '-';
        digits(b, at + 8, day, 2);
        b[at + 10] = 'T';
        digits(b, at + 11, secOfDay / 3_600, 2);
        b[at + 13] = ':';
        digits(b, at + 14, secOfDay / 60 % 60, 2);
        b[at + 16] = ':';
        digits(b, at + 17, secOfDay % 60, 2);
        int i = at + 19;
        if (fraction > 0) {
            b[i++] = '.';
            int value = fraction == 3 ? nano / 1_000_000 : fraction == 6 ? nano / 1_000 : nano;
            digits(b, i, value, fraction);
            i += fraction;
        }
        b[i] = 'Z';
        return i + 1;
    }

    private static void digits(byte[] b, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}

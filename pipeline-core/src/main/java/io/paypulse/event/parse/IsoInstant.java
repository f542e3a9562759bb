package io.paypulse.event.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Reads an event timestamp: ISO-8601 with an offset, or without one (the original Python project
 * wrote naive UTC times too), exactly as {@code DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
 * OffsetDateTime::from, LocalDateTime::from)} does, ~25× cheaper on the shapes the generators
 * write (~30 instead of ~750 ns CPU; {@code make bench-parser}).
 *
 * <p>Why hand-written: {@code parseBest} was ~12 % of the stream thread (issue 11): it builds a
 * parse context, a field map and a resolver per call. The fast path here reads the canonical shape
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:MM]} with an upper-case {@code T} and {@code Z}, a
 * four-digit year, a valid calendar date, hours 00–23, seconds 00–59 and an offset within ±18:00, in
 * one pass with no allocation but the result. Anything else (lower-case letters, no seconds, a
 * leap second, 24:00, a fraction of 10+ digits, a signed or long year, a zone id in brackets,
 * junk) goes to {@code java.time} unchanged, which accepts or throws exactly as before.
 * {@code IsoInstantPropertyTest} compares both on valid and near-valid strings.
 */
public final class IsoInstant {

    /** Days from 0000-01-01 to 1970-01-01 (proleptic ISO), as in {@code LocalDate.toEpochDay}. */
    private static final long DAYS_0000_TO_1970 = 719_528L;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    private static final int[] NANOS_PER_DIGIT_COUNT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
        1_000, 100, 10, 1};

    private IsoInstant() {
    }

    /**
     * @throws DateTimeException when {@code java.time} does not accept the text either (same exception)
     */
    public static Instant parse(String text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : parseWithJavaTime(text);
    }

    /** The general path, as the parser always did it; the fast path must agree with it. */
    static Instant parseWithJavaTime(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** The instant of a canonical timestamp, or null when the text is not one (not necessarily invalid). */
    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int pos = 19;
        int nanos = 0;
        if (pos < n && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < n && pos - start < 10 && isDigit(s.charAt(pos))) {
                pos++;
            }
            int count = pos - start;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count) * NANOS_PER_DIGIT_COUNT[count];
        }
        int offsetSeconds;
        if (pos == n) {
            offsetSeconds = 0; // naive: UTC
        } else if (pos + 1 == n && s.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos + 6 == n && (s.charAt(pos) == '+' || s.charAt(pos) == '-') && s.charAt(pos + 3) == ':') {
            int oh = digits(s, pos + 1, 2);
            int om = digits(s, pos + 4, 2);
            if (oh < 0 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = oh * 3600 + om * 60;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return null;
            }
            if (s.charAt(pos) == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@code LocalDate.of(year, month, day).toEpochDay()} for a valid date with year ≥ 0. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}

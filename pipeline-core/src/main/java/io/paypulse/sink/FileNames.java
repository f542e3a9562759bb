package io.paypulse.sink;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/** Time-bucketed CSV file names in UTC: {@code <prefix>YYYY-MM-DD_HH.csv} and {@code <prefix>YYYY-MM-DD.csv}. */
final class FileNames {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd_HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private FileNames() {
    }

    static String hourly(String prefix, Instant time, String what) {
        return prefix + HOUR.format(checked(time, what)) + ".csv";
    }

    static String daily(String prefix, Instant time, String what) {
        return prefix + DAY.format(checked(time, what)) + ".csv";
    }

    static Pattern hourlyPattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "\\d{4}-\\d{2}-\\d{2}_\\d{2}\\.csv");
    }

    static Pattern dailyPattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "\\d{4}-\\d{2}-\\d{2}\\.csv");
    }

    /** Years outside 0000–9999 would make names the recovery does not recognise, so such records are refused. */
    private static Instant checked(Instant time, String what) {
        Objects.requireNonNull(time, what + " is missing");
        int year = time.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException(what + " " + time + " is outside the years 0000-9999");
        }
        return time;
    }
}

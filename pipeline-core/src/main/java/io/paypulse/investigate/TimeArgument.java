package io.paypulse.investigate;

import io.paypulse.config.ConfigException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as a person types it for {@code --from}/{@code --to} or in the Events view:
 * <ul>
 *   <li>an ISO-8601 instant or offset time: {@code 2026-12-03T10:41:00Z}, {@code 2026-12-03T10:41+01:00};
 *   <li>a local date-time, read in the given zone: {@code 2026-12-03T10:41} or {@code 2026-12-03 10:41:30};
 *   <li>{@code now}, or {@code now-15m} / {@code now-2h} / {@code now-1d} / {@code now-90s};
 *   <li>a time back from now without the {@code now-}: {@code 15m}, {@code 6h}, {@code 7d} (as {@code --since 1h}).
 * </ul>
 * One parser for every command that takes a time ({@code events --from/--to}, {@code dlq --since}), so
 * they accept the same forms.
 */
public final class TimeArgument {

    private static final Pattern RELATIVE = Pattern.compile("now|(?:now-)?(\\d{1,6})([smhd])");

    private TimeArgument() {
    }

    /**
     * @param name the option or field, for the error, e.g. {@code --from}
     * @throws ConfigException one sentence naming {@code name} and the forms allowed
     */
    public static Instant parse(String name, String text, ZoneId zone, Clock clock) {
        String t = text == null ? "" : text.strip();
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            Instant now = clock.instant();
            if (m.group(1) == null) {
                return now;
            }
            long n = Long.parseLong(m.group(1));
            Duration back = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(back);
        }
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeException notLocal) {
                throw ConfigException.invalid(name, text, allowed(zone));
            }
        }
    }

    /** The forms allowed, as the error says them. */
    public static String allowed(ZoneId zone) {
        return "an ISO-8601 time such as 2026-12-03T10:41:00Z or 2026-12-03T10:41+01:00, a local time such as "
                + "2026-12-03T10:41 (read in " + zone.getId() + "), or a time back from now such as now-15m or 15m (s, m, h, d)";
    }
}

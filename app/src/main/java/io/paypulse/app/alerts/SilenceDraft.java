package io.paypulse.app.alerts;

import io.paypulse.notify.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the "Silence…" dialog asks for: a rule, one group or any ({@link Silence#ANY}), how long and
 * a comment. {@link #toSilence} stamps it with an id, the start time and who made it.
 */
public record SilenceDraft(String rule, String group, Duration duration, String comment) {

    /** The same bound as the CLI's: a silence is time-boxed, not a way to switch a rule off. */
    public static final Duration LONGEST = Duration.ofDays(30);
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*(m|min|h|d)?");

    public SilenceDraft {
        comment = comment == null ? "" : comment.strip();
    }

    public Silence toSilence(Instant now, String createdBy) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return new Silence(id, rule, group, now, now.plus(duration), comment, createdBy);
    }

    /**
     * A custom duration as typed: "90m", "2h", "1d" or plain minutes ("45"); empty when it is not
     * one of these forms, zero, or longer than {@link #LONGEST}.
     */
    public static Optional<Duration> parseDuration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "m" : m.group(2);
        Duration d = switch (unit) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMinutes(n);
        };
        return d.isZero() || d.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(d);
    }

    /** e.g. "15 min", "1 h", "1 d 2 h". */
    public static String describe(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder s = new StringBuilder();
        if (days > 0) {
            s.append(days).append(" d");
        }
        if (hours > 0) {
            s.append(s.isEmpty() ? "" : " ").append(hours).append(" h");
        }
        if (minutes > 0 || s.isEmpty()) {
            s.append(s.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        return s.toString();
    }
}

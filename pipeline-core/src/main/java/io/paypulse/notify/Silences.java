package io.paypulse.notify;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Making a new silence the same way from the CLI and the app: a short readable id, a time box of
 * at most {@link #MAX_LENGTH}, and lengths written as people say them ({@code 15m}, {@code 2h},
 * {@code 1d}). Errors are {@link IllegalArgumentException}s whose message is one sentence without
 * the option's name (the caller knows which option or field it was).
 */
public final class Silences {

    /** The longest time box: a silence is for maintenance or a known incident, not to mute a rule for good. */
    public static final Duration MAX_LENGTH = Duration.ofDays(30);
    /** The accepted forms of a length, for error messages. */
    public static final String LENGTH_FORMS = "a whole number of minutes, hours or days such as 15m, 2h or 1d";

    private static final Pattern LENGTH = Pattern.compile("(\\d{1,6})\\s*([mhd])");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Silences() {
    }

    /**
     * Parses {@code 15m}, {@code 2h}, {@code 1d} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed forms when the text is none of them
     */
    public static Duration parseLength(String text) {
        Matcher m = LENGTH.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a length: use " + LENGTH_FORMS + ".");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** {@code 2h}, {@code 1d 4h}, {@code 15m}: how lists show what is left of a silence. */
    public static String formatLength(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / 1440;
        long hours = minutes % 1440 / 60;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(out.isEmpty() ? "" : " ").append(hours).append('h');
        }
        if (mins > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(mins).append('m');
        }
        return out.toString();
    }

    /**
     * A new silence starting {@code now} and ending at {@code endsAt}.
     *
     * @param taken ids already in use (a fresh id is drawn until it is not one of them)
     * @throws IllegalArgumentException when the rule or group is blank, or {@code endsAt} is not
     *         after {@code now} or more than {@link #MAX_LENGTH} after it
     */
    public static Silence create(String rule, String group, Instant endsAt, String comment, String createdBy,
            Instant now, Predicate<String> taken) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("A silence needs a rule name, or " + Silence.ANY + " for every rule.");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("A silence needs a group, or " + Silence.ANY + " for every group.");
        }
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("A silence must end in the future; " + endsAt + " has passed.");
        }
        if (endsAt.isAfter(now.plus(MAX_LENGTH))) {
            throw new IllegalArgumentException("A silence lasts at most " + MAX_LENGTH.toDays() + " days; "
                    + endsAt + " is later than that.");
        }
        String id = newId();
        while (taken.test(id)) {
            id = newId();
        }
        return new Silence(id, rule.strip(), group.strip(), now, endsAt, comment, createdBy);
    }

    /** Eight lower-case hex digits: short enough to type, and 4 billion values for a handful of silences. */
    static String newId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

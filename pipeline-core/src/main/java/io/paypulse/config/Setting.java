package io.paypulse.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting: its key, type, default and allowed range, and how its text becomes a typed value.
 * This is the one place a setting's range lives: the settings record's {@code from} reads the file, environment,
 * {@code --set} and flag text with it, typed callers (the generator's settings, the app's spinner)
 * check or show the same bounds, and {@link ConfigView} writes the value back as text.
 *
 * @param <T> the typed value; comparable so the range is checked the same way for text and values
 */
public final class Setting<T extends Comparable<? super T>> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String key;
    private final T defaultValue;
    private final T min;
    private final T max;
    private final String allowed;
    private final Function<String, T> parse;
    private final Function<T, String> show;

    private Setting(String key, T defaultValue, T min, T max, String allowed, Function<String, T> parse,
                    Function<T, String> show) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.allowed = allowed;
        this.parse = parse;
        this.show = show;
    }

    /** A whole number from {@code min} to {@code max}; {@code _} separators allowed ({@code 10_000}). */
    public static Setting<Long> whole(String key, long defaultValue, long min, long max) {
        return new Setting<>(key, defaultValue, min, max, "allowed: a whole number from " + min + " to " + max,
                v -> Long.parseLong(v.replace("_", "")), n -> Long.toString(n));
    }

    /** Like {@link #whole}, for settings held as {@code int}. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
        return new Setting<>(key, defaultValue, min, max, "allowed: a whole number from " + min + " to " + max,
                v -> Math.toIntExact(Long.parseLong(v.replace("_", ""))), n -> Integer.toString(n));
    }

    /** A decimal number from {@code min} to {@code max}; NaN and infinities are out of range. */
    public static Setting<Double> decimal(String key, double defaultValue, double min, double max) {
        return new Setting<>(key, defaultValue, min, max, "allowed: a number from " + number(min) + " to " + number(max),
                v -> Double.parseDouble(v) + 0.0, Setting::number); // + 0.0: "-0" is 0, as before
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    public static Setting<Duration> duration(String key, Duration defaultValue, Duration min, Duration max) {
        return new Setting<>(key, defaultValue, min, max, "allowed: a duration such as 500ms, 5s, 2m from "
                + min.toMillis() + "ms to " + max.toMinutes() + "m", Setting::parseDuration, Setting::duration);
    }

    /** {@code true}/{@code yes}/{@code on} or {@code false}/{@code no}/{@code off}. */
    public static Setting<Boolean> bool(String key, boolean defaultValue) {
        return new Setting<>(key, defaultValue, null, null, "allowed: true, false", Setting::parseBool,
                b -> Boolean.toString(b));
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The smallest allowed value, or null when the type has no range. */
    public T min() {
        return min;
    }

    /** The largest allowed value, or null when the type has no range. */
    public T max() {
        return max;
    }

    /**
     * The typed value of this setting's text in {@code settings}: the default when absent or blank.
     *
     * @throws ConfigException naming the key, the text as given and what is allowed
     */
    public T read(Map<String, String> settings) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        T value;
        try {
            value = parse.apply(v.trim());
        } catch (IllegalArgumentException | ArithmeticException e) { // NumberFormatException is one
            throw ConfigException.invalid(key, v, allowed);
        }
        if (!inRange(value)) {
            throw ConfigException.invalid(key, v, allowed);
        }
        return value;
    }

    /**
     * {@code value} when allowed, for typed callers (the app, tests, tools).
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public T require(T value) {
        if (value == null || !inRange(value)) {
            throw ConfigException.invalid(key, value == null ? "null" : show.apply(value), allowed);
        }
        return value;
    }

    /** The value as a config file takes it (what {@code --show-config} prints). */
    public String show(T value) {
        return show.apply(value);
    }

    private boolean inRange(T value) {
        // Double.compareTo puts NaN above every number, so NaN fails the max check.
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    private static Duration parseDuration(String v) {
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static Boolean parseBool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}: the shortest exact form. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Whole numbers without a decimal point ({@code 100}, not {@code 100.0}). */
    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

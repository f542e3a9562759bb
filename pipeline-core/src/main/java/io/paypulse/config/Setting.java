package io.paypulse.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting: its key, type, default, what is allowed and the sentence that says so, and how its text
 * becomes a typed value. This is the one place a setting's check lives: the settings record's {@code from}
 * reads the file, environment, {@code --set} and flag text with it, typed callers (the generator's
 * settings, the app) check the same values with {@link #require} or {@link #value}, and {@link ConfigView}
 * writes the value back as text ({@link #show}).
 *
 * <p>Kinds: numbers and durations with a range, switches, choices, text matching a pattern, http URLs,
 * {@code host:port} lists, paths, and any other parsed value ({@link #parsed}).
 *
 * @param <T> the typed value
 */
public final class Setting<T> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String key;
    private final T defaultValue;
    private final T min;
    private final T max;
    private final String allowed;
    private final Function<String, T> parse;
    private final Predicate<T> check;
    private final Function<T, String> show;
    private final boolean blankIsDefault;

    private Setting(String key, T defaultValue, T min, T max, String allowed, Function<String, T> parse,
                    Predicate<T> check, Function<T, String> show, boolean blankIsDefault) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.allowed = allowed;
        this.parse = parse;
        this.check = check;
        this.show = show;
        this.blankIsDefault = blankIsDefault;
    }

    private static <C extends Comparable<? super C>> Setting<C> ranged(String key, C defaultValue, C min, C max,
            String allowed, Function<String, C> parse, Function<C, String> show) {
        // Double.compareTo puts NaN above every number, so NaN fails the max check.
        return new Setting<>(key, defaultValue, min, max, allowed, parse,
                v -> v.compareTo(min) >= 0 && v.compareTo(max) <= 0, show, true);
    }

    /** A whole number from {@code min} to {@code max}; {@code _} separators allowed ({@code 10_000}). */
    public static Setting<Long> whole(String key, long defaultValue, long min, long max) {
        return ranged(key, defaultValue, min, max, "allowed: a whole number from " + min + " to " + max,
                v -> Long.parseLong(v.replace("_", "")), n -> Long.toString(n));
    }

    /** Like {@link #whole}, for settings held as {@code int}. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
        return ranged(key, defaultValue, min, max, "allowed: a whole number from " + min + " to " + max,
                v -> Math.toIntExact(Long.parseLong(v.replace("_", ""))), n -> Integer.toString(n));
    }

    /** A decimal number from {@code min} to {@code max}; NaN and infinities are out of range. */
    public static Setting<Double> decimal(String key, double defaultValue, double min, double max) {
        return ranged(key, defaultValue, min, max, "allowed: a number from " + number(min) + " to " + number(max),
                v -> Double.parseDouble(v) + 0.0, Setting::number); // + 0.0: "-0" is 0, as before
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    public static Setting<Duration> duration(String key, Duration defaultValue, Duration min, Duration max) {
        return ranged(key, defaultValue, min, max, "allowed: a duration such as 500ms, 5s, 2m from "
                + min.toMillis() + "ms to " + max.toMinutes() + "m", Setting::parseDuration, Setting::duration);
    }

    /** {@code true}/{@code yes}/{@code on} or {@code false}/{@code no}/{@code off}. */
    public static Setting<Boolean> bool(String key, boolean defaultValue) {
        return new Setting<>(key, defaultValue, null, null, "allowed: true, false", Setting::parseBool, b -> true,
                b -> Boolean.toString(b), true);
    }

    /**
     * One of {@code values}, in any case (held in lower case); the sentence lists them. A blank value
     * is not one of them (only a missing one means the default).
     */
    public static Setting<String> choice(String key, String defaultValue, List<String> values) {
        List<String> copy = List.copyOf(values);
        return new Setting<>(key, defaultValue, null, null, "allowed: " + String.join(", ", copy),
                v -> v.toLowerCase(Locale.ROOT), copy::contains, v -> v, false);
    }

    /** Text that {@code pattern} matches entirely, kept as given (trimmed). */
    public static Setting<String> matching(String key, String defaultValue, Pattern pattern, String allowed) {
        return new Setting<>(key, defaultValue, null, null, allowed, v -> v, v -> pattern.matcher(v).matches(),
                v -> v, true);
    }

    /** Empty for none; else an absolute http(s) URL with a host, kept as given (trimmed). */
    public static Setting<String> url(String key, String allowed) {
        return new Setting<>(key, "", null, null, allowed, v -> v, v -> v.isEmpty() || Addresses.isHttpUrl(v, false),
                v -> v, true);
    }

    /**
     * Empty for none; else the base of an http(s) service: a host, no query, fragment or user info,
     * kept without a trailing slash.
     */
    public static Setting<String> baseUrl(String key, String allowed) {
        return new Setting<>(key, "", null, null, allowed, v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v,
                v -> v.isEmpty() || Addresses.isHttpUrl(v, true), v -> v, true);
    }

    /**
     * {@code host:port[,host:port...]} (a {@code PLAINTEXT://}-style prefix and {@code [v6]} hosts
     * allowed), kept as given (trimmed); empty by default.
     */
    public static Setting<String> servers(String key, String allowed) {
        return new Setting<>(key, "", null, null, allowed, v -> v, v -> v.isEmpty() || Addresses.isServerList(v),
                v -> v, true);
    }

    /**
     * A file system path ({@code ~/} is the home directory) that {@code check} allows; none (null)
     * by default, and a missing value is checked too (a default directory may be a file).
     */
    public static Setting<Path> path(String key, Predicate<Path> check, String allowed) {
        return new Setting<>(key, null, null, null, allowed, Setting::parsePath, check,
                p -> p == null ? "" : p.toString(), true);
    }

    /** Any value {@code parse} reads (an {@link IllegalArgumentException} means not allowed). */
    public static <V> Setting<V> parsed(String key, V defaultValue, Function<String, V> parse, Function<V, String> show,
                                        String allowed) {
        return new Setting<>(key, defaultValue, null, null, allowed, parse, v -> true, show, true);
    }

    /** The same setting, a blank value checked (so, for most kinds, refused) instead of meaning the default. */
    public Setting<T> checkingBlank() {
        return new Setting<>(key, defaultValue, min, max, allowed, parse, check, show, false);
    }

    /** The same setting, its sentence saying {@code allowed} (e.g. what 0 means for a port). */
    public Setting<T> describedAs(String allowed) {
        return new Setting<>(key, defaultValue, min, max, allowed, parse, check, show, blankIsDefault);
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
     * The typed value of this setting's text in {@code settings}: the default when absent (or, for most
     * kinds, blank).
     *
     * @throws ConfigException naming the key, the text as given and what is allowed
     */
    public T read(Map<String, String> settings) {
        return read(settings, defaultValue);
    }

    /**
     * Like {@link #read(Map)}, {@code fallback} standing for a missing value (e.g. a data directory
     * that depends on the environment, or null: none); the fallback is checked too.
     */
    public T read(Map<String, String> settings, T fallback) {
        String v = settings.get(key);
        T value;
        if (v == null || (blankIsDefault && v.isBlank())) {
            value = fallback;
        } else {
            try {
                value = parse.apply(v.trim());
            } catch (Rejected e) {
                throw ConfigException.invalid(key, v, e.allowed);
            } catch (IllegalArgumentException | ArithmeticException e) { // NumberFormatException is one
                throw ConfigException.invalid(key, v, allowed);
            }
        }
        if (value != null && !check.test(value)) {
            throw ConfigException.invalid(key, v == null ? show.apply(value) : v, allowed);
        }
        return value;
    }

    /**
     * The typed value of one text, as a layer would give it (the default when null or blank), for callers
     * that hold a setting's text, e.g. a path the app remembers.
     *
     * @throws ConfigException naming the key, the text and what is allowed
     */
    public T value(String text) {
        return read(text == null ? Map.of() : Map.of(key, text));
    }

    /**
     * {@code value} when allowed, for typed callers (the app, tests, tools).
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public T require(T value) {
        if (value == null || !check.test(value)) {
            throw ConfigException.invalid(key, value == null ? "null" : show.apply(value), allowed);
        }
        return value;
    }

    /** The value as a config file takes it (what {@code --show-config} prints); empty for none (null). */
    public String show(T value) {
        return value == null ? "" : show.apply(value);
    }

    /** A text that is not a value of this kind at all, with its own sentence (e.g. not a path). */
    private static final class Rejected extends IllegalArgumentException {
        private final String allowed;

        Rejected(String allowed) {
            super(allowed, null);
            this.allowed = allowed;
        }
    }

    private static Path parsePath(String v) {
        try {
            return v.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(v.substring(2)) : Path.of(v);
        } catch (InvalidPathException e) {
            throw new Rejected("allowed: a file system path");
        }
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

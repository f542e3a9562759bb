package io.paypulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns resolved settings text into a typed {@link PaypulseConfig}; every bad value is one sentence. */
final class ConfigBinder {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private ConfigBinder() {
    }

    static PaypulseConfig bind(Map<String, String> s, Map<String, String> env) {
        ProcessorSettings pd = ProcessorSettings.defaults();
        GeneratorSettings gd = GeneratorSettings.defaults();
        Path dataDir = path(s, ConfigKeys.DATA_DIR, ConfigLoader.defaultDataDir(env));
        Path outputDir = path(s, ConfigKeys.OUTPUT_DIR, dataDir.resolve("output"));
        boolean portGiven = s.containsKey(ConfigKeys.BROKER_PORT) && !s.get(ConfigKeys.BROKER_PORT).isBlank();
        int port = (int) integer(s, ConfigKeys.BROKER_PORT, 9092, 0, 65535);
        GeneratorSettings generator = new GeneratorSettings(
                decimal(s, ConfigKeys.RATE, gd.rate(), 0, 10_000_000),
                integer(s, ConfigKeys.EVENTS, gd.events(), 0, Long.MAX_VALUE),
                seed(s, gd.seed()),
                text(s, ConfigKeys.SCENARIO, gd.scenario()));
        String guarantee = text(s, ConfigKeys.GUARANTEE, pd.guarantee()).toLowerCase(Locale.ROOT);
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw ConfigException.invalid(ConfigKeys.GUARANTEE, guarantee, "allowed: exactly_once_v2, at_least_once");
        }
        String appId = text(s, ConfigKeys.APPLICATION_ID, pd.applicationId());
        if (!APP_ID.matcher(appId).matches()) {
            throw ConfigException.invalid(ConfigKeys.APPLICATION_ID, appId, "allowed: letters, digits, '.', '_' and '-'");
        }
        ProcessorSettings processor = new ProcessorSettings(
                duration(s, ConfigKeys.GRACE, pd.grace(), Duration.ZERO, Duration.ofHours(1)),
                guarantee,
                duration(s, ConfigKeys.COMMIT_INTERVAL, pd.commitInterval(), Duration.ofMillis(10), Duration.ofMinutes(5)),
                path(s, ConfigKeys.RULES, null),
                (int) integer(s, ConfigKeys.THREADS, pd.threads(), 1, 64),
                appId,
                bool(s, ConfigKeys.SINKS, pd.sinks()),
                httpPort(s),
                duration(s, ConfigKeys.STALL_TIMEOUT, pd.stallTimeout(), Duration.ofSeconds(5), Duration.ofHours(1)));
        Map<String, String> kafka = new LinkedHashMap<>();
        s.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.KAFKA_PREFIX)) {
                kafka.put(k.substring(ConfigKeys.KAFKA_PREFIX.length()), v);
            }
        });
        return new PaypulseConfig(
                text(s, ConfigKeys.BOOTSTRAP, ""),
                dataDir,
                outputDir,
                port,
                portGiven,
                (int) integer(s, ConfigKeys.PARTITIONS, 6, 1, 1000),
                (short) integer(s, ConfigKeys.REPLICATION, 1, 1, 10),
                generator,
                processor,
                kafka,
                registryUrl(s));
    }

    /** Empty for none; else an absolute http(s) URL with a host, kept without a trailing slash. */
    static String registryUrl(Map<String, String> s) {
        String v = s.get(ConfigKeys.SCHEMA_REGISTRY_URL);
        if (v == null || v.isBlank()) {
            return "";
        }
        String url = v.trim();
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ConfigException.invalid(ConfigKeys.SCHEMA_REGISTRY_URL, v,
                "allowed: an http:// or https:// URL such as http://localhost:8081, or empty for no registry");
    }

    private static int httpPort(Map<String, String> s) {
        String v = s.get(ConfigKeys.HTTP_PORT);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigException.invalid(ConfigKeys.HTTP_PORT, v, "allowed: a port from 1 to 65535, or 0 for off");
    }

    private static Long seed(Map<String, String> s, Long def) {
        String v = s.get(ConfigKeys.SEED);
        return v == null || v.isBlank() ? def : Long.valueOf(integer(s, ConfigKeys.SEED, 0, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static String text(Map<String, String> s, String key, String def) {
        String v = s.get(key);
        return v == null ? def : v.trim();
    }

    private static Path path(Map<String, String> s, String key, Path def) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        if (v.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(v.substring(2));
        }
        return Path.of(v.trim());
    }

    static long integer(Map<String, String> s, String key, long def, long min, long max) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n < min || n > max) {
                throw ConfigException.invalid(key, v, "allowed: a whole number from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, v, "allowed: a whole number from " + min + " to " + max);
        }
    }

    private static double decimal(Map<String, String> s, String key, double def, double min, double max) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= min && n <= max)) {
                throw ConfigException.invalid(key, v, "allowed: a number from " + fmt(min) + " to " + fmt(max));
            }
            return n;
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, v, "allowed: a number from " + fmt(min) + " to " + fmt(max));
        }
    }

    private static boolean bool(Map<String, String> s, String key, boolean def) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw ConfigException.invalid(key, v, "allowed: true, false");
        };
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    static Duration duration(Map<String, String> s, String key, Duration def, Duration min, Duration max) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        Matcher m = DURATION.matcher(v.trim());
        String allowed = "allowed: a duration such as 500ms, 5s, 2m from " + min.toMillis() + "ms to " + max.toMinutes() + "m";
        if (!m.matches()) {
            throw ConfigException.invalid(key, v, allowed);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw ConfigException.invalid(key, v, allowed);
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

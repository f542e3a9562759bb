package io.paypulse.config;

import io.paypulse.files.FileModes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How settings text that is not a ranged {@link Setting} becomes a value (paths, URLs, addresses),
 * each bad value one sentence. Each settings record's {@code from} names its settings and calls these.
 */
final class ConfigBinder {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SERVER = Pattern.compile("(?:[A-Za-z][A-Za-z0-9_]*://)?(?:\\[[0-9A-Fa-f:.%]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ConfigBinder() {
    }

    static FileModes fileModes(Map<String, String> s) {
        String v = s.get(ConfigKeys.FILE_MODE);
        if (v == null || v.isBlank()) {
            return FileModes.PRIVATE;
        }
        try {
            return FileModes.ofFileMode(v);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(ConfigKeys.FILE_MODE, v,
                    "allowed: an octal file mode that lets the owner read and write and grants no execute, e.g. 600 (default) or 640");
        }
    }

    /**
     * Client properties: the {@link ConfigKeys#CLIENT_CONFIG} file first, {@code kafka.*} settings
     * over it (the file is the shared base, a setting the deliberate exception).
     */
    static Map<String, String> kafka(Map<String, String> s) {
        Map<String, String> kafka = new LinkedHashMap<>();
        Path clientConfig = path(s, ConfigKeys.CLIENT_CONFIG, null);
        if (clientConfig != null) {
            if (!Files.isRegularFile(clientConfig)) {
                throw ConfigException.invalid(ConfigKeys.CLIENT_CONFIG, s.get(ConfigKeys.CLIENT_CONFIG),
                        "allowed: an existing Kafka client .properties file");
            }
            kafka.putAll(ClientConfigFile.load(clientConfig));
        }
        s.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.KAFKA_PREFIX)) {
                kafka.put(k.substring(ConfigKeys.KAFKA_PREFIX.length()), v);
            }
        });
        return kafka;
    }

    /**
     * {@code host:port[,host:port...]} (a {@code PLAINTEXT://}-style prefix and {@code [v6]} hosts
     * allowed); empty means the embedded broker. Without a setting, a client config file's own
     * {@code bootstrap.servers} counts, as it does for Kafka's tools.
     */
    static String bootstrap(Map<String, String> s, Map<String, String> kafka) {
        String v = s.get(ConfigKeys.BOOTSTRAP);
        if (v == null && kafka.containsKey("bootstrap.servers")) {
            v = kafka.get("bootstrap.servers");
        }
        if (v == null || v.isBlank()) {
            return "";
        }
        for (String server : v.split(",", -1)) {
            Matcher m = SERVER.matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                throw ConfigException.invalid(ConfigKeys.BOOTSTRAP, v,
                        "allowed: host:port pairs separated by commas, such as kafka1:9092,kafka2:9092, or empty for the"
                                + " embedded broker");
            }
        }
        return v.trim();
    }

    static Path directory(Map<String, String> s, String key, Path def) {
        Path p = path(s, key, def);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw ConfigException.invalid(key, s.get(key) == null ? p.toString() : s.get(key),
                    "allowed: a directory (created when missing), not a file");
        }
        return p;
    }

    static Path rulesFile(Map<String, String> s) {
        Path p = path(s, ConfigKeys.RULES, null);
        if (p != null && !Files.isRegularFile(p)) {
            throw ConfigException.invalid(ConfigKeys.RULES, s.get(ConfigKeys.RULES),
                    "allowed: an existing alert rules file (YAML), or empty for the shipped rules");
        }
        return p;
    }

    /** An IP address or a host name; whether this machine has it is checked when binding. */
    static String httpHost(Map<String, String> s) {
        String v = s.get(ConfigKeys.HTTP_HOST);
        if (v == null || v.isBlank()) {
            return ProcessorSettings.LOOPBACK;
        }
        String host = v.trim();
        if (HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches()) {
            return host;
        }
        throw ConfigException.invalid(ConfigKeys.HTTP_HOST, v, "allowed: an address of this machine such as "
                + "127.0.0.1 (default, this machine only), 0.0.0.0 (all interfaces) or a host name");
    }

    /** Empty for none; else an absolute http(s) URL with a host, kept as given. */
    static String notifyWebhookUrl(Map<String, String> s) {
        String v = s.get(ConfigKeys.NOTIFY_WEBHOOK_URL);
        if (v == null || v.isBlank()) {
            return "";
        }
        String url = v.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ConfigException.invalid(ConfigKeys.NOTIFY_WEBHOOK_URL, v,
                "allowed: an http:// or https:// URL such as http://127.0.0.1:9000/hook, or empty for none");
    }

    /** Empty for none; else an absolute http(s) URL with a host, kept without a trailing slash. */
    static String registryUrl(Map<String, String> s) {
        String v = s.get(ConfigKeys.SCHEMA_REGISTRY_URL);
        if (v == null || v.isBlank()) {
            return "";
        }
        String url = v.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ConfigException.invalid(ConfigKeys.SCHEMA_REGISTRY_URL, v,
                "allowed: an http:// or https:// URL such as http://localhost:8081, or empty for no registry");
    }

    static int httpPort(Map<String, String> s) {
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

    /** {@code setting}'s value, or {@code def} (e.g. null: none) when not given. */
    static <T extends Comparable<? super T>> T optional(Map<String, String> s, Setting<T> setting, T def) {
        String v = s.get(setting.key());
        return v == null || v.isBlank() ? def : setting.read(s);
    }

    static String logFormat(Map<String, String> s, String def) {
        String format = text(s, ConfigKeys.LOG_FORMAT, def).trim().toLowerCase(Locale.ROOT);
        if (!format.equals("compact") && !format.equals("python")) {
            throw ConfigException.invalid(ConfigKeys.LOG_FORMAT, s.get(ConfigKeys.LOG_FORMAT), "allowed: compact (default), python");
        }
        return format;
    }

    static String guarantee(Map<String, String> s, String def) {
        String guarantee = text(s, ConfigKeys.GUARANTEE, def).toLowerCase(Locale.ROOT);
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw ConfigException.invalid(ConfigKeys.GUARANTEE, guarantee, "allowed: exactly_once_v2, at_least_once");
        }
        return guarantee;
    }

    static String applicationId(Map<String, String> s, String def) {
        String appId = text(s, ConfigKeys.APPLICATION_ID, def);
        if (!APP_ID.matcher(appId).matches()) {
            throw ConfigException.invalid(ConfigKeys.APPLICATION_ID, appId, "allowed: letters, digits, '.', '_' and '-'");
        }
        return appId;
    }

    static String text(Map<String, String> s, String key, String def) {
        String v = s.get(key);
        return v == null ? def : v.trim();
    }

    static Path path(Map<String, String> s, String key, Path def) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            if (v.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(v.substring(2));
            }
            return Path.of(v.trim());
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(key, v, "allowed: a file system path");
        }
    }
}

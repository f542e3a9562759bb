package io.paypulse.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link PayPulseConfig} as settings text again ({@code --show-config}): what the process will
 * really use, in the notation a config file takes. Secrets in client properties are hidden.
 */
public final class ConfigView {

    /** Shown instead of the value of a client property that may hold a secret. */
    public static final String HIDDEN = "(hidden)";

    private ConfigView() {
    }

    /** Every {@link ConfigKeys#ALL} setting (in that order), then each client property as {@code kafka.NAME}. */
    public static Map<String, String> of(PayPulseConfig c, String clientConfig) {
        Map<String, String> out = new LinkedHashMap<>();
        PayPulseConfig.shown(clientConfig).forEach(line -> out.put(line.key(), line.text().apply(c)));
        c.kafka().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.put(ConfigKeys.KAFKA_PREFIX + e.getKey(), secret(e.getKey()) ? HIDDEN : e.getValue()));
        return out;
    }

    /** A webhook's path and query often are its secret (Slack, Teams): only scheme, host and port are shown. */
    static String webhook(String url) {
        if (url.isEmpty()) {
            return url;
        }
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null;
        return more ? origin + "/" + HIDDEN : origin;
    }

    /** Passwords, keys and JAAS configs (which embed passwords) are never printed. */
    static boolean secret(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return p.contains("password") || p.contains("jaas") || p.contains("secret") || p.endsWith(".key")
                || p.contains("credentials");
    }
}

package io.paypulse.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
        ProcessorSettings p = c.processor();
        GeneratorSettings g = c.generator();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ConfigKeys.BOOTSTRAP, c.bootstrapServers());
        out.put(ConfigKeys.DATA_DIR, c.dataDir().toString());
        out.put(ConfigKeys.OUTPUT_DIR, c.outputDir().toString());
        out.put(ConfigKeys.BROKER_PORT, Integer.toString(c.brokerPort()));
        out.put(ConfigKeys.PARTITIONS, Integer.toString(c.partitions()));
        out.put(ConfigKeys.REPLICATION, Short.toString(c.replication()));
        out.put(ConfigKeys.RATE, number(g.rate()));
        out.put(ConfigKeys.EVENTS, Long.toString(g.events()));
        out.put(ConfigKeys.SEED, g.seed() == null ? "" : g.seed().toString());
        out.put(ConfigKeys.SCENARIO, g.scenario());
        out.put(ConfigKeys.LOG_FORMAT, g.logFormat());
        out.put(ConfigKeys.GRACE, duration(p.grace()));
        out.put(ConfigKeys.GUARANTEE, p.guarantee());
        out.put(ConfigKeys.COMMIT_INTERVAL, duration(p.commitInterval()));
        out.put(ConfigKeys.RULES, p.rulesFile() == null ? "" : p.rulesFile().toString());
        out.put(ConfigKeys.THREADS, Integer.toString(p.threads()));
        out.put(ConfigKeys.APPLICATION_ID, p.applicationId());
        out.put(ConfigKeys.SINKS, Boolean.toString(p.sinks()));
        out.put(ConfigKeys.HTTP_PORT, Integer.toString(p.httpPort()));
        out.put(ConfigKeys.HTTP_HOST, p.httpHost());
        out.put(ConfigKeys.SCHEMA_REGISTRY_URL, c.schemaRegistryUrl());
        out.put(ConfigKeys.CLIENT_CONFIG, clientConfig == null ? "" : Path.of(clientConfig.trim()).toString());
        out.put(ConfigKeys.FILE_MODE, c.fileModes().fileOctal());
        out.put(ConfigKeys.STALL_TIMEOUT, duration(p.stallTimeout()));
        out.put(ConfigKeys.PARSED_TOPIC, Boolean.toString(p.parsedTopic()));
        out.put(ConfigKeys.NOTIFY_WEBHOOK_URL, webhook(p.notifyWebhookUrl()));
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

    /** {@code 500ms}, {@code 5s}, {@code 2m}: the shortest exact form. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

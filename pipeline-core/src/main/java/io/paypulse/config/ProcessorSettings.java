package io.paypulse.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * @param grace          how late an event may be and still count in its window
 * @param guarantee      Kafka Streams processing.guarantee (exactly_once_v2 or at_least_once)
 * @param commitInterval Kafka Streams commit interval; also bounds live-update latency
 * @param rulesFile      alert rules YAML; null means the rules shipped with PayPulse
 * @param threads        Kafka Streams stream threads in this instance
 * @param applicationId  Kafka Streams application id (the consumer group instances share)
 * @param sinks          whether this instance writes the CSV files (one instance per output dir)
 * @param httpPort       port of the /health and /metrics endpoint; 0 means off
 * @param httpHost       address that endpoint binds to; {@link #LOOPBACK} unless chosen
 * @param stallTimeout   how long the processor may make no progress with records waiting before
 *                       /health says DOWN
 * @param parsedTopic    whether the processor also publishes every parsed event to {@code payment-parsed}
 *                       for downstream consumers (off by default: the parsed CSV reads the raw topic)
 * @param notifyWebhookUrl a generic webhook that gets every alert ({@code notify.webhook-url}); empty: none
 */
public record ProcessorSettings(
        Duration grace,
        String guarantee,
        Duration commitInterval,
        Path rulesFile,
        int threads,
        String applicationId,
        boolean sinks,
        int httpPort,
        String httpHost,
        Duration stallTimeout,
        boolean parsedTopic,
        String notifyWebhookUrl) {

    public static final Setting<Duration> GRACE = Setting.duration(ConfigKeys.GRACE, Duration.ofSeconds(5),
            Duration.ZERO, Duration.ofHours(1));
    public static final Setting<String> GUARANTEE = Setting.choice(ConfigKeys.GUARANTEE, "exactly_once_v2",
            List.of("exactly_once_v2", "at_least_once"));
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration(ConfigKeys.COMMIT_INTERVAL,
            Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMinutes(5));
    /** Alert rules YAML; none (the shipped rules) by default. */
    public static final Setting<Path> RULES = Setting.path(ConfigKeys.RULES, Files::isRegularFile,
            "allowed: an existing alert rules file (YAML), or empty for the shipped rules");
    public static final Setting<Integer> THREADS = Setting.integer(ConfigKeys.THREADS, 1, 1, 64);
    public static final Setting<String> APPLICATION_ID = Setting.matching(ConfigKeys.APPLICATION_ID,
            "paypulse-processor", Pattern.compile("[A-Za-z0-9._-]+"), "allowed: letters, digits, '.', '_' and '-'")
            .checkingBlank();
    public static final Setting<Boolean> SINKS = Setting.bool(ConfigKeys.SINKS, true);
    public static final Setting<Duration> STALL_TIMEOUT = Setting.duration(ConfigKeys.STALL_TIMEOUT,
            Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofHours(1));
    public static final Setting<Boolean> PARSED_TOPIC = Setting.bool(ConfigKeys.PARSED_TOPIC, false);
    /** 0: no /health and /metrics endpoint. */
    public static final Setting<Integer> HTTP_PORT = Setting.integer(ConfigKeys.HTTP_PORT, 0, 0, 65535)
            .describedAs("allowed: a port from 1 to 65535, or 0 for off");

    /** The default bind address: /health and /metrics say nothing to other machines unless asked. */
    public static final String LOOPBACK = "127.0.0.1";
    /** An IP address or a host name; whether this machine has it is checked when binding. */
    public static final Setting<String> HTTP_HOST = Setting.matching(ConfigKeys.HTTP_HOST, LOOPBACK, Addresses.HOST,
            "allowed: an address of this machine such as 127.0.0.1 (default, this machine only), 0.0.0.0 (all"
                    + " interfaces) or a host name");
    /** A generic webhook every alert is POSTed to; empty: none. */
    public static final Setting<String> NOTIFY_WEBHOOK_URL = Setting.url(ConfigKeys.NOTIFY_WEBHOOK_URL,
            "allowed: an http:// or https:// URL such as http://127.0.0.1:9000/hook, or empty for none");
    public static final Duration DEFAULT_STALL_TIMEOUT = STALL_TIMEOUT.defaultValue();

    /** This record's lines of {@code --show-config}, in order. */
    private static final List<Shown<ProcessorSettings>> SHOWN = List.of(
            Shown.of(GRACE, ProcessorSettings::grace),
            Shown.of(GUARANTEE, ProcessorSettings::guarantee),
            Shown.of(COMMIT_INTERVAL, ProcessorSettings::commitInterval),
            Shown.of(RULES, ProcessorSettings::rulesFile),
            Shown.of(THREADS, ProcessorSettings::threads),
            Shown.of(APPLICATION_ID, ProcessorSettings::applicationId),
            Shown.of(SINKS, ProcessorSettings::sinks),
            Shown.of(HTTP_PORT, ProcessorSettings::httpPort),
            Shown.of(HTTP_HOST, ProcessorSettings::httpHost),
            Shown.of(STALL_TIMEOUT, ProcessorSettings::stallTimeout),
            Shown.of(PARSED_TOPIC, ProcessorSettings::parsedTopic),
            new Shown<>(NOTIFY_WEBHOOK_URL.key(), p -> ConfigView.webhook(p.notifyWebhookUrl())));

    public ProcessorSettings {
        httpHost = httpHost == null || httpHost.isBlank() ? LOOPBACK : httpHost;
        stallTimeout = stallTimeout == null ? DEFAULT_STALL_TIMEOUT : stallTimeout;
        notifyWebhookUrl = notifyWebhookUrl == null ? "" : notifyWebhookUrl;
    }

    public static ProcessorSettings defaults() {
        return new ProcessorSettings(GRACE.defaultValue(), GUARANTEE.defaultValue(), COMMIT_INTERVAL.defaultValue(),
                RULES.defaultValue(), THREADS.defaultValue(), APPLICATION_ID.defaultValue(), SINKS.defaultValue(),
                HTTP_PORT.defaultValue(), HTTP_HOST.defaultValue(), STALL_TIMEOUT.defaultValue(),
                PARSED_TOPIC.defaultValue(), NOTIFY_WEBHOOK_URL.defaultValue());
    }

    /** Read from layered settings text; a bad value is one sentence naming its key. */
    static ProcessorSettings from(Map<String, String> s) {
        // Read in this order so that, of several bad values, the same one is reported as before.
        String guarantee = GUARANTEE.read(s);
        String appId = APPLICATION_ID.read(s);
        return new ProcessorSettings(
                GRACE.read(s),
                guarantee,
                COMMIT_INTERVAL.read(s),
                RULES.read(s),
                THREADS.read(s),
                appId,
                SINKS.read(s),
                HTTP_PORT.read(s),
                HTTP_HOST.read(s),
                STALL_TIMEOUT.read(s),
                PARSED_TOPIC.read(s),
                NOTIFY_WEBHOOK_URL.read(s));
    }

    /** How each of these settings is shown by {@code --show-config}. */
    public static List<Shown<ProcessorSettings>> shown() {
        return SHOWN;
    }

    public ProcessorSettings withHttpPort(int port) {
        return with(b -> b.httpPort = port);
    }

    public ProcessorSettings withStallTimeout(Duration timeout) {
        return with(b -> b.stallTimeout = timeout);
    }

    public ProcessorSettings withParsedTopic(boolean parsedTopic) {
        return with(b -> b.parsedTopic = parsedTopic);
    }

    public ProcessorSettings withNotifyWebhookUrl(String url) {
        return with(b -> b.notifyWebhookUrl = url);
    }

    public ProcessorSettings withRulesFile(Path file) {
        return with(b -> b.rulesFile = file);
    }

    /** A copy with {@code change} applied: the one place a copy lists every component. */
    public ProcessorSettings with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The components of a copy in the making (see {@link #with}). */
    public static final class Builder {
        public Duration grace;
        public String guarantee;
        public Duration commitInterval;
        public Path rulesFile;
        public int threads;
        public String applicationId;
        public boolean sinks;
        public int httpPort;
        public String httpHost;
        public Duration stallTimeout;
        public boolean parsedTopic;
        public String notifyWebhookUrl;

        private Builder(ProcessorSettings p) {
            grace = p.grace;
            guarantee = p.guarantee;
            commitInterval = p.commitInterval;
            rulesFile = p.rulesFile;
            threads = p.threads;
            applicationId = p.applicationId;
            sinks = p.sinks;
            httpPort = p.httpPort;
            httpHost = p.httpHost;
            stallTimeout = p.stallTimeout;
            parsedTopic = p.parsedTopic;
            notifyWebhookUrl = p.notifyWebhookUrl;
        }

        private ProcessorSettings build() {
            return new ProcessorSettings(grace, guarantee, commitInterval, rulesFile, threads, applicationId, sinks,
                    httpPort, httpHost, stallTimeout, parsedTopic, notifyWebhookUrl);
        }
    }
}

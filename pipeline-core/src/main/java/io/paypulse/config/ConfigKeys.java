package io.paypulse.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every setting's name, and how names map between the config file, environment and flags. */
public final class ConfigKeys {

    public static final String BOOTSTRAP = "bootstrap";
    public static final String DATA_DIR = "data-dir";
    public static final String OUTPUT_DIR = "output-dir";
    /** Mode of the files PayPulse writes (CSV, checkpoints); its folders get x where files get r. Default 600. */
    public static final String FILE_MODE = "file-mode";
    public static final String BROKER_PORT = "broker.port";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION = "topics.replication";
    public static final String RATE = "generator.rate";
    public static final String EVENTS = "generator.events";
    public static final String SEED = "generator.seed";
    public static final String SCENARIO = "generator.scenario";
    /** How the generator writes events: compact (ours) or python (the original project's json.dumps shape). */
    public static final String LOG_FORMAT = "generator.log-format";
    public static final String GRACE = "processor.grace";
    public static final String GUARANTEE = "processor.guarantee";
    public static final String COMMIT_INTERVAL = "processor.commit-interval";
    public static final String RULES = "processor.rules";
    public static final String THREADS = "processor.threads";
    public static final String APPLICATION_ID = "processor.application-id";
    public static final String SINKS = "processor.sinks";
    /** Port of the processor's /health and /metrics endpoint; 0 turns it off. */
    public static final String HTTP_PORT = "processor.http-port";
    /** Address the /health and /metrics endpoint binds to; loopback unless chosen (containers: 0.0.0.0). */
    public static final String HTTP_HOST = "processor.http-host";
    /**
     * A Kafka client {@code .properties} file (SASL, TLS, config providers) every client of the
     * cluster gets; {@code kafka.*} settings win over it.
     */
    public static final String CLIENT_CONFIG = "client-config";
    /** How long the processor may make no progress with records waiting before /health says DOWN. */
    public static final String STALL_TIMEOUT = "processor.stall-timeout";
    /**
     * Whether the processor also publishes every parsed event to {@code payment-parsed} for downstream
     * consumers. Off by default: nothing in PayPulse reads that topic (the parsed CSV reads the raw topic).
     */
    public static final String PARSED_TOPIC = "processor.parsed-topic";
    /** Base URL of a Confluent Schema Registry; empty: none, raw events are plain JSON. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /**
     * A generic webhook every alert is POSTed to (contact point {@code webhook-url}, on top of the rules
     * file's notifications); empty: none.
     */
    public static final String NOTIFY_WEBHOOK_URL = "notify.webhook-url";
    /** Prefix of settings passed through to every Kafka client. */
    public static final String KAFKA_PREFIX = "kafka.";

    /**
     * Every setting's key, in {@code --show-config} order: taken from the settings records' own
     * lists ({@code shown()}), so a setting defined there is known without being listed here.
     */
    public static final List<String> ALL = PayPulseConfig.shown(null).stream().map(Shown::key).toList();

    public static final String ENV_PREFIX = "PAYPULSE_";

    private ConfigKeys() {
    }

    public static boolean isKnown(String key) {
        return ALL.contains(key) || (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length());
    }

    /** {@code generator.rate} is {@code PAYPULSE_GENERATOR_RATE}; kafka.* keys map dots to underscores. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The setting an environment variable names, if it names one. */
    public static Optional<String> fromEnvName(String env) {
        if (!env.startsWith(ENV_PREFIX)) {
            return Optional.empty();
        }
        for (String key : ALL) {
            if (envName(key).equals(env)) {
                return Optional.of(key);
            }
        }
        String kafka = ENV_PREFIX + "KAFKA_";
        if (env.startsWith(kafka) && env.length() > kafka.length()) {
            return Optional.of(KAFKA_PREFIX + env.substring(kafka.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        return Optional.empty();
    }
}

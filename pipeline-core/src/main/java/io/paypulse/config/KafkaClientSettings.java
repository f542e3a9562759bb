package io.paypulse.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client properties every client of the cluster gets: the {@link #CLIENT_CONFIG} file first,
 * {@code kafka.*} settings over it (the file is the shared base, a setting the deliberate exception).
 */
final class KafkaClientSettings {

    /** A Kafka client {@code .properties} file (SASL, TLS, config providers); none by default. */
    static final Setting<Path> CLIENT_CONFIG = Setting.path(ConfigKeys.CLIENT_CONFIG, Files::isRegularFile,
            "allowed: an existing Kafka client .properties file");

    private KafkaClientSettings() {
    }

    /** The client properties, keys without the {@code kafka.} prefix. */
    static Map<String, String> from(Map<String, String> s) {
        Map<String, String> kafka = new LinkedHashMap<>();
        Path clientConfig = CLIENT_CONFIG.read(s);
        if (clientConfig != null) {
            kafka.putAll(ClientConfigFile.load(clientConfig));
        }
        s.forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.KAFKA_PREFIX)) {
                kafka.put(k.substring(ConfigKeys.KAFKA_PREFIX.length()), v);
            }
        });
        return kafka;
    }
}

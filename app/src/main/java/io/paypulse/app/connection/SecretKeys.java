package io.paypulse.app.connection;

import io.paypulse.config.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spots client properties that hold a secret in plain text, so the app can recommend keeping them
 * in a file (Import…) or behind a Kafka config provider instead of in its own settings.
 */
public final class SecretKeys {

    static final String ENV_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

    private SecretKeys() {
    }

    /**
     * The keys that look secret and whose value is written out rather than a config provider
     * reference such as {@code ${file:/etc/kafka/secrets.properties:password}}.
     */
    public static List<String> plainSecrets(Map<String, String> properties) {
        return properties.entrySet().stream()
                .filter(e -> looksSecret(e.getKey()) && !e.getValue().contains("${"))
                .map(Map.Entry::getKey)
                .toList();
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("sasl.jaas.config") || k.endsWith("password") || k.contains("secret")
                || k.endsWith(".key") || k.endsWith("credentials.info") || k.endsWith("user.info")
                || k.endsWith("token");
    }

    /**
     * One sentence recommending a file or a config provider when inline text holds a plain secret;
     * empty otherwise (also for text that does not parse: the connect step reports that).
     */
    public static String hint(String inlineProperties) {
        List<String> keys;
        try {
            keys = plainSecrets(ClientProperties.parse(inlineProperties));
        } catch (ConfigException e) {
            return "";
        }
        if (keys.isEmpty()) {
            return "";
        }
        return String.join(", ", keys) + (keys.size() == 1 ? " holds" : " hold")
                + " a secret that would be saved in the app's settings: keep it in a client properties file "
                + "(Import…) or write a Kafka config provider reference such as ${env:KAFKA_PASSWORD} "
                + "(with config.providers=env and config.providers.env.class=" + ENV_PROVIDER + ").";
    }
}

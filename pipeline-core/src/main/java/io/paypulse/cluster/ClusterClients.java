package io.paypulse.cluster;

import io.paypulse.config.PayPulseConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Client properties for "a cluster": bootstrap servers plus the user's client properties
 * ({@link PayPulseConfig#kafka()}: the {@code client-config} file with {@code kafka.*} settings over
 * it; SASL/SSL and the like), so every component talks to embedded, Docker or remote Kafka alike.
 * Config provider references ({@code ${file:...}}, {@code ${env:...}}) pass through unresolved: the
 * Kafka clients resolve them.
 */
public final class ClusterClients {

    private ClusterClients() {
    }

    /** Base properties every client of this cluster gets; a fresh mutable map. */
    public static Map<String, Object> base(PayPulseConfig config, String clientId) {
        return base(config.bootstrapServers(), config.kafka(), clientId);
    }

    public static Map<String, Object> base(String bootstrapServers, Map<String, String> extra, String clientId) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}

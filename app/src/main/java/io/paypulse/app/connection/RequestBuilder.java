package io.paypulse.app.connection;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.stack.PayPulseStack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Turns what the user chose in the app into a {@link ConnectionRequest}, through the same
 * {@link ConfigLoader} layering as the CLI (defaults &lt; config file &lt; PAYPULSE_* environment &lt;
 * the app's choices), so the data directory and everything else default exactly as for
 * {@code paypulse run}. {@code overrides} are fixed flags from the launch (tests: temp data dir,
 * broker port 0).
 */
public final class RequestBuilder {

    private final Map<String, String> env;
    private final Map<String, String> overrides;

    public RequestBuilder(Map<String, String> env, Map<String, String> overrides) {
        this.env = Map.copyOf(env);
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * For a Custom cluster, the client properties are those of {@code clientConfigFile} (read now, at
     * connect time, so secrets stay in that file), then the inline ones over them. A blank
     * {@code bootstrapServers} takes the file's {@code bootstrap.servers}.
     *
     * @throws ConfigException one sentence naming what is wrong
     */
    public ConnectionRequest build(ConnectionMode mode, String bootstrapServers, String clientConfigFile,
                                   String inlineProperties, double rate, String rulesFile) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (mode == ConnectionMode.CUSTOM) {
            Map<String, String> client = new LinkedHashMap<>();
            if (clientConfigFile != null && !clientConfigFile.isBlank()) {
                client.putAll(ClientProperties.load(Path.of(clientConfigFile.strip())));
            }
            client.putAll(ClientProperties.parse(inlineProperties));
            String fromClient = client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
            String servers = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers
                    : fromClient;
            if (servers == null || servers.isBlank()) {
                throw new ConfigException("Enter the bootstrap servers of the cluster, e.g. localhost:9092.");
            }
            flags.put(ConfigKeys.BOOTSTRAP, servers.strip());
            client.forEach((k, v) -> flags.put(ConfigKeys.KAFKA_PREFIX + k, v));
        } else if (mode == ConnectionMode.DOCKER) {
            flags.put(ConfigKeys.BOOTSTRAP, PayPulseStack.BROKERS);
        } else {
            flags.put(ConfigKeys.BOOTSTRAP, "");
        }
        flags.put(ConfigKeys.RATE, String.valueOf(rate));
        if (rulesFile != null && !rulesFile.isBlank()) {
            flags.put(ConfigKeys.RULES, rulesFile.trim());
        }
        flags.putAll(overrides);
        PayPulseConfig config = ConfigLoader.load(null, env, flags);
        Path rules = config.processor().rulesFile();
        List<AlertRule> ruleList = rules == null ? RulesFile.defaults() : RulesFile.load(rules);
        return new ConnectionRequest(mode, config, ruleList);
    }
}

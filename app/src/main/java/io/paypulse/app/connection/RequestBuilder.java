package io.paypulse.app.connection;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.config.Settings;
import io.paypulse.stack.PayPulseStack;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Turns what the user chose in the app into a {@link ConnectionRequest}, through the same
 * {@link ConfigLoader} layering as the CLI (defaults &lt; config file &lt; PAYPULSE_* environment), so the
 * data directory and everything else default exactly as for {@code paypulse run}. The app's own choices
 * (cluster, client properties, rate, rules file) are typed values checked by their settings' own
 * definitions and win over those layers, as a flag would. {@code overrides} are fixed flags from the
 * launch (tests: temp data dir, broker port 0) and win over everything, the app's choices included.
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
     * {@code bootstrapServers} takes the file's {@code bootstrap.servers}. {@code rate} is checked against
     * {@link io.paypulse.config.GeneratorSettings#RATE}, {@code rulesFile} (blank: as configured) by
     * {@link ProcessorSettings#RULES}, the checks every layer of settings meets.
     *
     * @throws ConfigException one sentence naming what is wrong
     */
    public ConnectionRequest build(ConnectionMode mode, String bootstrapServers, String clientConfigFile,
                                   String inlineProperties, double rate, String rulesFile) {
        Map<String, String> client = new LinkedHashMap<>();
        String servers = "";
        if (mode == ConnectionMode.CUSTOM) {
            if (clientConfigFile != null && !clientConfigFile.isBlank()) {
                client.putAll(ClientProperties.load(Path.of(clientConfigFile.strip())));
            }
            client.putAll(ClientProperties.parse(inlineProperties));
            String fromClient = client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
            servers = bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers : fromClient;
            if (servers == null || servers.isBlank()) {
                throw new ConfigException("Enter the bootstrap servers of the cluster, e.g. localhost:9092.");
            }
        } else if (mode == ConnectionMode.DOCKER) {
            servers = PayPulseStack.BROKERS;
        }
        String bootstrap = PayPulseConfig.BOOTSTRAP.value(servers);
        Path rules = ProcessorSettings.RULES.value(rulesFile);

        Set<String> chosen = new HashSet<>(List.of(ConfigKeys.BOOTSTRAP, ConfigKeys.RATE));
        if (rules != null) {
            chosen.add(ConfigKeys.RULES); // no rules file chosen: the configured one, if any
        }
        chosen.removeAll(overrides.keySet()); // e.g. --set generator.rate=N of a benchmark wins
        PayPulseConfig loaded = launchSettings().without(chosen).bind();
        PayPulseConfig config = loaded.with(b -> {
            if (chosen.contains(ConfigKeys.BOOTSTRAP)) {
                b.bootstrapServers = bootstrap;
            }
            if (chosen.contains(ConfigKeys.RATE)) {
                b.generator = loaded.generator().withRate(rate);
            }
            if (chosen.contains(ConfigKeys.RULES)) {
                b.processor = loaded.processor().withRulesFile(rules);
            }
            Map<String, String> kafka = new LinkedHashMap<>(loaded.kafka());
            client.forEach((k, v) -> {
                if (!overrides.containsKey(ConfigKeys.KAFKA_PREFIX + k)) {
                    kafka.put(k, v);
                }
            });
            b.kafka = kafka;
        });
        Path rulesPath = config.processor().rulesFile();
        List<AlertRule> ruleList = rulesPath == null ? RulesFile.defaults() : RulesFile.load(rulesPath);
        return new ConnectionRequest(mode, config, ruleList);
    }

    /** Config file and environment under the launch's overrides. */
    private Settings launchSettings() {
        Map<String, Settings.Given> launch = new LinkedHashMap<>();
        overrides.forEach((key, value) -> launch.put(key, new Settings.Given(value, null)));
        return ConfigLoader.resolve(null, env, Map.of(), launch);
    }
}

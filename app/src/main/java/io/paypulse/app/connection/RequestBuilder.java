package io.paypulse.app.connection;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PaypulseConfig;
import io.paypulse.process.alert.AlertRule;
import io.paypulse.process.alert.RulesFile;
import io.paypulse.stack.PaypulseStack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * @throws ConfigException one sentence naming what is wrong
     */
    public ConnectionRequest build(ConnectionMode mode, String bootstrapServers, String clientProperties,
                                   double rate, String rulesFile) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (mode == ConnectionMode.CUSTOM) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new ConfigException("Enter the bootstrap servers of the cluster, e.g. localhost:9092.");
            }
            flags.put(ConfigKeys.BOOTSTRAP, bootstrapServers.trim());
            flags.putAll(parseClientProperties(clientProperties));
        } else if (mode == ConnectionMode.DOCKER) {
            flags.put(ConfigKeys.BOOTSTRAP, PaypulseStack.BROKERS);
        } else {
            flags.put(ConfigKeys.BOOTSTRAP, "");
        }
        flags.put(ConfigKeys.RATE, String.valueOf(rate));
        if (rulesFile != null && !rulesFile.isBlank()) {
            flags.put(ConfigKeys.RULES, rulesFile.trim());
        }
        flags.putAll(overrides);
        PaypulseConfig config = ConfigLoader.load(null, env, flags);
        Path rules = config.processor().rulesFile();
        List<AlertRule> ruleList = rules == null ? RulesFile.defaults() : RulesFile.load(rules);
        return new ConnectionRequest(mode, config, ruleList);
    }

    /** {@code key=value} lines; blank lines and {@code #} comments ignored; keys get the kafka. prefix. */
    public static Map<String, String> parseClientProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("Client property line " + lineNo + " ('" + line
                        + "') is not of the form key=value.");
            }
            out.put(ConfigKeys.KAFKA_PREFIX + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }
}

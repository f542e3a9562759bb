package io.paypulse.cli;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PaypulseConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes; flags are the last and strongest configuration layer. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (YAML). Default: ~/.config/paypulse/paypulse.yaml if it exists.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (broker data, processor state, CSV output). Default: ~/.local/share/paypulse.")
    String dataDir;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set processor.grace=10s or --set kafka.security.protocol=SSL. Repeatable.")
    List<String> settings = List.of();

    @Option(names = {"-v", "--verbose"}, description = "Log details, including stack traces.")
    boolean verbose;

    /** Resolves the config with these flags plus the command's own {@code flags} on top. */
    PaypulseConfig load(Map<String, String> flags) {
        Logging.verbose(verbose);
        Map<String, String> all = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set takes KEY=VALUE, got '" + s + "'.");
            }
            String key = s.substring(0, eq).trim();
            if (!ConfigKeys.isKnown(key)) {
                throw new ConfigException("Unknown setting '" + key + "' (known: " + String.join(", ", ConfigKeys.ALL)
                        + ", kafka.*).");
            }
            all.put(key, s.substring(eq + 1));
        }
        all.put(ConfigKeys.DATA_DIR, dataDir);
        all.putAll(flags);
        return ConfigLoader.load(configFile, System.getenv(), all);
    }
}

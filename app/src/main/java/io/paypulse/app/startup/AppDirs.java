package io.paypulse.app.startup;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app keeps its things, resolved exactly as the pipeline resolves them
 * ({@link ConfigLoader}: defaults &lt; config file &lt; PAYPULSE_* environment &lt; launch flags).
 *
 * @param dataDir      broker data, processor state, CSV output ({@code output/}) and logs ({@code logs/})
 * @param configFile   {@code paypulse.yaml}, read by the app and the command line
 * @param rulesCopy    the editable copy of the shipped alert rules, next to the config file
 * @param settingsFile the app's own choices (window, theme, connection), {@code app.json}
 */
public record AppDirs(Path dataDir, Path configFile, Path rulesCopy, Path settingsFile) {

    public static final String RULES_COPY = "rules.yaml";

    public Path configDir() {
        return configFile.getParent();
    }

    public Path outputDir() {
        return dataDir.resolve("output");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile() {
        return logDir().resolve(LogFile.NAME);
    }

    /**
     * @param overrides settings fixed at launch ({@code --data-dir}, {@code --set key=value})
     */
    public static AppDirs resolve(Map<String, String> env, Map<String, String> overrides, Path settingsFile) {
        Path configFile = ConfigLoader.defaultConfigFile(env);
        return new AppDirs(dataDir(env, overrides), configFile, configFile.resolveSibling(RULES_COPY), settingsFile);
    }

    /** The configured data directory; if the configuration is broken, the best guess without the file. */
    private static Path dataDir(Map<String, String> env, Map<String, String> overrides) {
        try {
            return ConfigLoader.load(null, env, overrides).dataDir();
        } catch (ConfigException e) {
            // The Start button reports the broken setting; the logs and Help menu still need a place.
            String given = overrides.getOrDefault(ConfigKeys.DATA_DIR, env.get(ConfigKeys.envName(ConfigKeys.DATA_DIR)));
            return given != null && !given.isBlank() ? Path.of(given.trim()) : ConfigLoader.defaultDataDir(env);
        }
    }
}

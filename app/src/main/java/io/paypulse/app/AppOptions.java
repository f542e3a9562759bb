package io.paypulse.app;

import io.paypulse.app.settings.SettingsStore;
import io.paypulse.config.ConfigKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the app was launched.
 *
 * @param settingsFile where window, theme and connection choices are kept
 * @param overrides    settings fixed for this run (config keys, e.g. data-dir, broker.port)
 * @param autostart    press Start once the window shows (screenshots, demos)
 * @param env          the process environment (config layering, XDG dirs)
 */
public record AppOptions(Path settingsFile, Map<String, String> overrides, boolean autostart, Map<String, String> env) {

    public AppOptions {
        overrides = Map.copyOf(overrides);
        env = Map.copyOf(env);
    }

    /**
     * Command line: {@code --autostart}, {@code --settings FILE}, {@code --data-dir DIR},
     * {@code --broker-port N}, {@code --set key=value}.
     */
    public static AppOptions parse(List<String> args, Map<String, String> env) {
        Path settings = SettingsStore.defaultFile(env);
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean autostart = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if (a.isBlank()) {
                continue; // an empty -Dapp.args from the exec plugin
            }
            switch (a) {
                case "--autostart" -> autostart = true;
                case "--settings" -> {
                    settings = Path.of(require(a, next));
                    i++;
                }
                case "--data-dir" -> {
                    overrides.put(ConfigKeys.DATA_DIR, require(a, next));
                    i++;
                }
                case "--broker-port" -> {
                    overrides.put(ConfigKeys.BROKER_PORT, require(a, next));
                    i++;
                }
                case "--set" -> {
                    String kv = require(a, next);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
                    }
                    overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
                    i++;
                }
                default -> throw new IllegalArgumentException("Unknown option '" + a
                        + "' (known: --autostart, --settings FILE, --data-dir DIR, --broker-port N, --set key=value)");
            }
        }
        return new AppOptions(settings, overrides, autostart, env);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}

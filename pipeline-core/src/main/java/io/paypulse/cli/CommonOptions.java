package io.paypulse.cli;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.ConfigView;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.Settings;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command takes, and the command line's two layers of settings: {@code --set} over
 * the config file and environment, and a setting's own flag ({@link SettingFlag}) over all, each
 * only when given. {@link ConfigLoader#resolve} decides the order.
 */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (YAML). Default: ~/.config/paypulse/paypulse.yaml if it exists.")
    Path configFile;

    @SettingFlag(ConfigKeys.DATA_DIR)
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (broker data, processor state, CSV output). Default: ~/.local/share/paypulse.")
    String dataDir;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. --set processor.grace=10s or --set kafka.security.protocol=SSL. Repeatable. "
                    + "A setting's own flag, when given, wins over --set.")
    List<String> settings = List.of();

    @Option(names = "--show-config",
            description = "Print the settings this command would use, and where each came from, then exit.")
    boolean showConfig;

    @Option(names = {"-v", "--verbose"}, description = "Log details, including stack traces.")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Resolves the configuration: defaults &lt; config file &lt; environment &lt; {@code --set} &lt;
     * the command's given flags. With {@code --show-config}, prints it and ends the command.
     */
    PayPulseConfig load() {
        Logging.verbose(verbose);
        Map<String, String> env = Main.environment(command);
        Settings resolved = ConfigLoader.resolve(configFile, env, sets(), givenFlags(command));
        PayPulseConfig config = resolved.bind();
        if (showConfig) {
            show(config, resolved, command.commandLine().getOut());
            throw new ConfigShown();
        }
        return config;
    }

    private Map<String, String> sets() {
        Map<String, String> sets = new LinkedHashMap<>();
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
            sets.put(key, s.substring(eq + 1));
        }
        return sets;
    }

    /** The {@link SettingFlag} options the user gave, keyed by setting, each named by its flag. */
    static Map<String, Settings.Given> givenFlags(CommandSpec command) {
        Map<String, Settings.Given> flags = new LinkedHashMap<>();
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        for (OptionSpec option : command.options()) {
            SettingFlag flag = settingFlag(option);
            if (flag == null || parsed == null || !parsed.hasMatchedOption(option)) {
                continue;
            }
            String value = flag.whenGiven().isEmpty() ? String.valueOf((Object) option.getValue()) : flag.whenGiven();
            flags.put(flag.value(), new Settings.Given(value, option.longestName()));
        }
        return flags;
    }

    /** The setting an option is the flag of, or null. */
    static SettingFlag settingFlag(OptionSpec option) {
        return option.userObject() instanceof Field field ? field.getAnnotation(SettingFlag.class) : null;
    }

    private static void show(PayPulseConfig config, Settings resolved, PrintWriter out) {
        Settings.Given clientConfig = resolved.given().get(ConfigKeys.CLIENT_CONFIG);
        ConfigView.of(config, clientConfig == null ? null : clientConfig.value()).forEach((key, value) -> {
            Settings.Given g = resolved.given().get(key);
            String source = g == null ? (key.startsWith(ConfigKeys.KAFKA_PREFIX) ? ConfigKeys.CLIENT_CONFIG : "default")
                    : g.source() == null ? "given" : g.source();
            out.printf("%s = %s   (%s)%n", key, value, source);
        });
        out.flush();
    }

    /** Ends a command after {@code --show-config}; {@link Errors} turns it into exit code 0. */
    static final class ConfigShown extends RuntimeException {
        ConfigShown() {
            super("configuration shown", null, false, false);
        }
    }
}

package io.paypulse.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves {@link PayPulseConfig} from layers, weakest first: defaults &lt; config file &lt;
 * PAYPULSE_* environment &lt; {@code --set} &lt; flags. Each layer is a flat map of setting names
 * ({@link ConfigKeys}) to text holding only what that layer gives; the strongest layer that names a
 * setting wins, and {@link PayPulseConfig#from} (each settings record reading its own) turns the result
 * into typed values. This is the one place
 * that decides precedence.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param file         config file, or null for the default location
     * @param env          the process environment
     * @param flags        settings given on the command line
     */
    public static PayPulseConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, Settings.Given> given = new LinkedHashMap<>();
        flags.forEach((key, value) -> {
            if (value != null) {
                given.put(key, new Settings.Given(value, null));
            }
        });
        return resolve(file, env, Map.of(), given).bind();
    }

    /**
     * The layered settings of a command line.
     *
     * @param file  config file, or null for the default location (read if it exists)
     * @param env   the process environment
     * @param sets  {@code --set KEY=VALUE} settings
     * @param flags settings given by their own flags, each with the flag's name as its source; only
     *              flags that were given
     */
    public static Settings resolve(Path file, Map<String, String> env, Map<String, String> sets,
                                   Map<String, Settings.Given> flags) {
        Map<String, Settings.Given> winners = new LinkedHashMap<>();
        Path effective = file != null ? file : defaultConfigFile(env);
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException("Config file " + file + " does not exist.");
        }
        if (Files.isRegularFile(effective)) {
            readFile(effective).forEach((k, v) -> winners.put(k, new Settings.Given(v, "config file " + effective)));
        }
        env.forEach((name, value) -> ConfigKeys.fromEnvName(name)
                .ifPresent(key -> winners.put(key, new Settings.Given(value, name))));
        sets.forEach((key, value) -> winners.put(key, new Settings.Given(value, "--set")));
        flags.forEach((key, given) -> {
            if (given != null && given.value() != null) {
                winners.put(key, given);
            }
        });
        return new Settings(winners, env);
    }

    /** Flattens nested YAML maps into dotted names; rejects unknown names and non-scalar values. */
    static Map<String, String> readFile(Path file) {
        JsonNode root;
        try {
            // The shared YAML mapper rejects a key given twice: last-wins would hide which value counts.
            root = Mappers.yaml().readTree(file.toFile());
        } catch (JacksonException e) {
            String twice = duplicated(e);
            if (twice != null) {
                throw new ConfigException("Config file " + file + " gives setting '" + twice + "' twice" + line(e)
                        + ": keep one.");
            }
            throw new ConfigException("Config file " + file + " is not valid YAML: " + e.getOriginalMessage() + line(e) + ".");
        } catch (IOException e) {
            throw new ConfigException("Config file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException("Config file " + file + " must be a YAML mapping of settings.");
        }
        flatten("", root, out, file);
        return out;
    }

    /** The dotted name of a key the file gives twice, or null when {@code e} is about something else. */
    private static String duplicated(JacksonException e) {
        String message = e.getOriginalMessage();
        if (!(e.getProcessor() instanceof JsonParser parser) || message == null || !message.startsWith("Duplicate field")) {
            return null;
        }
        // The parser stops at the second occurrence: its context names that key and the sections around it.
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                names.addFirst(c.getCurrentName());
            }
        }
        return names.isEmpty() ? null : String.join(".", names);
    }

    private static String line(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            JsonNode v = f.getValue();
            boolean kafkaSection = key.equals("kafka") || key.startsWith(ConfigKeys.KAFKA_PREFIX);
            if (v.isObject() && (kafkaSection || isPrefixOfKnownKey(key))) {
                flatten(key + ".", v, out, file);
            } else if (!ConfigKeys.isKnown(key)) {
                throw new ConfigException("Unknown setting '" + key + "' in " + file + " (known: "
                        + String.join(", ", ConfigKeys.ALL) + ", kafka.*).");
            } else if (v.isContainerNode()) {
                throw new ConfigException("Setting '" + key + "' in " + file + " must be a single value.");
            } else {
                out.put(key, v.isNull() ? "" : v.asText());
            }
        }
    }

    private static boolean isPrefixOfKnownKey(String key) {
        return ConfigKeys.ALL.stream().anyMatch(k -> k.startsWith(key + "."));
    }

    /** {@code $XDG_CONFIG_HOME/paypulse/paypulse.yaml}, else {@code ~/.config/paypulse/paypulse.yaml}. */
    public static Path defaultConfigFile(Map<String, String> env) {
        return xdg(env, "XDG_CONFIG_HOME", ".config").resolve("paypulse").resolve("paypulse.yaml");
    }

    /** {@code $XDG_DATA_HOME/paypulse}, else {@code ~/.local/share/paypulse}. */
    public static Path defaultDataDir(Map<String, String> env) {
        return xdg(env, "XDG_DATA_HOME", ".local/share").resolve("paypulse");
    }

    private static Path xdg(Map<String, String> env, String variable, String fallback) {
        String dir = env.get(variable);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home")).resolve(fallback);
    }
}

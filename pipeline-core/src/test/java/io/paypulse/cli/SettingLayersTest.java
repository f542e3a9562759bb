package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.ConfigKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every setting ({@link ConfigKeys#ALL}) through every layer (config file, PAYPULSE_* environment,
 * {@code --set}, and the setting's own flag where the command has one), for every command: the
 * strongest layer given wins (a flag only when given), and a bad value in any layer is one sentence
 * naming the key and the layer, exit code 2. Runs the real command line with {@code --show-config},
 * which prints the typed configuration the command would run with.
 */
class SettingLayersTest {

    private enum Layer { FILE, ENV, SET, FLAG }

    /** Per setting: a good value for each layer (as the configuration shows it back) and a bad one. */
    private record Values(List<String> good, String bad) {
        String at(Layer layer) {
            return good.get(layer.ordinal());
        }
    }

    @TempDir
    static Path dir;

    private static Map<String, Values> values() {
        Map<String, Values> v = new LinkedHashMap<>();
        v.put(ConfigKeys.BOOTSTRAP, new Values(List.of("f:9001", "e:9002", "s:9003", "g:9004"), "kafka-without-port"));
        v.put(ConfigKeys.DATA_DIR, new Values(paths("data"), file("not-a-dir").toString()));
        v.put(ConfigKeys.OUTPUT_DIR, new Values(paths("out"), file("not-an-out-dir").toString()));
        v.put(ConfigKeys.BROKER_PORT, new Values(List.of("9101", "9102", "9103", "9104"), "abc"));
        v.put(ConfigKeys.PARTITIONS, new Values(List.of("2", "3", "4", "5"), "lots"));
        v.put(ConfigKeys.REPLICATION, new Values(List.of("2", "3", "4", "5"), "0"));
        v.put(ConfigKeys.RATE, new Values(List.of("11", "12", "13", "14"), "fast"));
        v.put(ConfigKeys.EVENTS, new Values(List.of("21", "22", "23", "24"), "-1"));
        v.put(ConfigKeys.SEED, new Values(List.of("31", "32", "33", "34"), "x"));
        v.put(ConfigKeys.SCENARIO, new Values(List.of("quiet", "refund-spike", "card-testing", "gateway-outage"), "meltdown"));
        // Two allowed values: the source column tells the layers apart.
        v.put(ConfigKeys.LOG_FORMAT, new Values(List.of("python", "compact", "python", "compact"), "yaml"));
        v.put(ConfigKeys.GRACE, new Values(List.of("7s", "8s", "9s", "10s"), "banana"));
        // Two allowed values: the source column tells the layers apart.
        v.put(ConfigKeys.GUARANTEE, new Values(List.of("at_least_once", "exactly_once_v2", "at_least_once",
                "exactly_once_v2"), "sometimes"));
        v.put(ConfigKeys.COMMIT_INTERVAL, new Values(List.of("200ms", "300ms", "400ms", "500ms"), "later"));
        v.put(ConfigKeys.RULES, new Values(List.of(file("r1.yaml").toString(), file("r2.yaml").toString(),
                file("r3.yaml").toString(), file("r4.yaml").toString()), dir.resolve("no-rules.yaml").toString()));
        v.put(ConfigKeys.THREADS, new Values(List.of("2", "3", "4", "5"), "abc"));
        v.put(ConfigKeys.APPLICATION_ID, new Values(List.of("app-f", "app-e", "app-s", "app-g"), "a b"));
        // --no-sinks can only say false.
        v.put(ConfigKeys.SINKS, new Values(List.of("false", "true", "true", "false"), "maybe"));
        v.put(ConfigKeys.HTTP_PORT, new Values(List.of("8101", "8102", "8103", "8104"), "web"));
        v.put(ConfigKeys.HTTP_HOST, new Values(List.of("host-f", "host-e", "host-s", "host-g"), "not a host"));
        v.put(ConfigKeys.SCHEMA_REGISTRY_URL, new Values(List.of("http://f:8081", "http://e:8081", "http://s:8081",
                "http://g:8081"), "registry:8081"));
        v.put(ConfigKeys.CLIENT_CONFIG, new Values(List.of(clientConfig("c1"), clientConfig("c2"), clientConfig("c3"),
                clientConfig("c4")), dir.resolve("no-client.properties").toString()));
        v.put(ConfigKeys.FILE_MODE, new Values(List.of("640", "660", "644", "604"), "755"));
        v.put(ConfigKeys.STALL_TIMEOUT, new Values(List.of("11s", "12s", "13s", "14s"), "soon"));
        // --parsed-topic can only say true.
        v.put(ConfigKeys.PARSED_TOPIC, new Values(List.of("true", "false", "false", "true"), "sometimes"));
        // No flag of its own: --set notify.webhook-url=URL is the documented shortcut.
        v.put(ConfigKeys.NOTIFY_WEBHOOK_URL, new Values(List.of("http://f:9001", "https://e:9002", "http://s:9003",
                "http://g:9004"), "hooks.example.com/x"));
        return v;
    }

    /** Options that are not settings (the others must be {@link SettingFlag}s, or this test misses them). */
    private static final Set<String> NOT_SETTINGS = Set.of("--config", "--set", "--show-config", "--verbose", "--help",
            "--version", "--fresh", "--timeout",
            // what a silence is, not how PayPulse runs
            "--rule", "--group", "--for", "--until", "--comment", "--by", "--all", "--format",
            // which dead letters (dlq list|show|redrive)
            "--since", "--reason", "--limit", "--yes",
            // which events to print (paypulse events), not how PayPulse runs
            "--from", "--to", "--zone", "--user", "--order", "--id", "--min-amount", "--max-amount", "--type",
            "--failed", "--ok", "--follow", "--mask", "--topic");

    /** What a command needs besides settings to get as far as --show-config. */
    private static final Map<String, List<String>> REQUIRED_ARGS = Map.of(
            "silence add", List.of("--rule=*", "--for=1h"),
            "silence expire", List.of("0badc0de"),
            "dlq show", List.of("0/0"),
            "events", List.of("--from=2026-12-03T10:41:00Z", "--to=2026-12-03T10:42:00Z"));

    @Test
    void everySettingHasTestValues() {
        assertThat(values().keySet()).containsExactlyInAnyOrderElementsOf(ConfigKeys.ALL);
    }

    @Test
    void everyOptionOfEveryCommandIsASettingFlagOrKnownNotToBeOne() {
        for (CommandSpec command : commands()) {
            for (OptionSpec option : command.options()) {
                if (!NOT_SETTINGS.contains(option.longestName())) {
                    assertThat(CommonOptions.settingFlag(option))
                            .as("%s %s sets which setting?", command.qualifiedName(), option.longestName()).isNotNull();
                    assertThat(ConfigKeys.ALL).contains(CommonOptions.settingFlag(option).value());
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> theStrongestGivenLayerWinsForEverySettingOfEveryCommand() {
        Map<String, Values> values = values();
        return commands().stream().map(command -> DynamicContainer.dynamicContainer(name(command),
                Stream.of(Layer.values()).map(top -> DynamicTest.dynamicTest("up to " + top, () -> {
                    Invocation inv = new Invocation(command);
                    for (Map.Entry<String, Values> e : values.entrySet()) {
                        for (Layer layer : Layer.values()) {
                            if (layer.ordinal() <= top.ordinal() && (layer != Layer.FLAG || inv.flag(e.getKey()) != null)) {
                                inv.give(e.getKey(), layer, e.getValue().at(layer));
                            }
                        }
                    }
                    Map<String, String[]> shown = inv.show();
                    for (Map.Entry<String, Values> e : values.entrySet()) {
                        String key = e.getKey();
                        Layer winner = top == Layer.FLAG && inv.flag(key) == null ? Layer.SET : top;
                        assertThat(shown.get(key)).as("%s: %s given up to %s", name(command), key, top)
                                .containsExactly(e.getValue().at(winner), inv.source(key, winner));
                    }
                }))));
    }

    @TestFactory
    Stream<DynamicNode> aBadValueInAnyLayerIsOneSentenceNamingTheKeyAndTheLayer() {
        Map<String, Values> values = values();
        List<DynamicNode> nodes = new ArrayList<>();
        for (CommandSpec command : commands()) {
            List<DynamicNode> tests = new ArrayList<>();
            values.forEach((key, v) -> {
                for (Layer layer : Layer.values()) {
                    Invocation inv = new Invocation(command);
                    if (layer == Layer.FLAG && (inv.flag(key) == null || inv.isSwitch(key))) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(key + " in " + layer, () -> {
                        inv.give(key, layer, v.bad());
                        assertThat(inv.run("--show-config")).as(inv.err.toString()).isEqualTo(2);
                        String err = inv.err.toString().strip();
                        assertThat(err).doesNotContain("\n").doesNotContain("Exception")
                                .startsWith("paypulse: Invalid value '" + v.bad() + "' for " + key
                                        + " (from " + inv.source(key, layer) + "): allowed: ")
                                .endsWith(".");
                        assertThat(inv.out.toString()).isEmpty();
                    }));
                }
            });
            nodes.add(DynamicContainer.dynamicContainer(name(command), tests));
        }
        return nodes.stream();
    }

    @Test
    void theHelpsOwnSetExampleTakesEffect() {
        Invocation inv = new Invocation(command("process"));
        assertThat(inv.run("--set", "processor.grace=10s", "--show-config")).isZero();
        assertThat(inv.parse().get(ConfigKeys.GRACE)).containsExactly("10s", "--set");
    }

    @Test
    void kafkaSettingsFollowTheSameLayersAboveTheClientConfigFile() throws IOException {
        Path props = dir.resolve("layers-client.properties");
        Files.writeString(props, "metadata.max.age.ms=1000\n");
        String key = "kafka.metadata.max.age.ms";
        Invocation inv = new Invocation(command("generate"));
        inv.give(ConfigKeys.CLIENT_CONFIG, Layer.FILE, props.toString());
        assertThat(inv.show().get(key)).containsExactly("1000", ConfigKeys.CLIENT_CONFIG);
        for (Layer layer : List.of(Layer.FILE, Layer.ENV, Layer.SET)) {
            String value = Integer.toString(1001 + layer.ordinal());
            inv.give(key, layer, value);
            inv.out.getBuffer().setLength(0);
            assertThat(inv.show().get(key)).as("up to %s", layer).containsExactly(value, inv.source(key, layer));
        }
    }

    /** One command line: a config file, an environment, --set and flags, built up by layer. */
    private static final class Invocation {
        final CommandSpec command;
        final Path configFile;
        final StringBuilder yaml = new StringBuilder();
        final Map<String, String> env = new HashMap<>();
        final List<String> args = new ArrayList<>();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        Invocation(CommandSpec command) {
            this.command = command;
            this.configFile = dir.resolve("config-" + System.nanoTime() + ".yaml");
            env.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
            env.put("XDG_DATA_HOME", dir.resolve("xdg-data").toString());
        }

        /** The flag of {@code key} in this command, or null. */
        String flag(String key) {
            for (OptionSpec o : command.options()) {
                SettingFlag f = CommonOptions.settingFlag(o);
                if (f != null && f.value().equals(key)) {
                    return o.longestName();
                }
            }
            return null;
        }

        boolean isSwitch(String key) {
            return command.options().stream().anyMatch(o -> CommonOptions.settingFlag(o) != null
                    && CommonOptions.settingFlag(o).value().equals(key) && !CommonOptions.settingFlag(o).whenGiven().isEmpty());
        }

        void give(String key, Layer layer, String value) {
            switch (layer) {
                case FILE -> yaml.append(key).append(": \"").append(value.replace("\\", "\\\\")).append("\"\n");
                case ENV -> env.put(ConfigKeys.envName(key), value);
                case SET -> args.add("--set=" + key + "=" + value);
                case FLAG -> {
                    if (isSwitch(key)) {
                        args.add(flag(key));
                    } else {
                        args.add(flag(key) + "=" + value);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        String source(String key, Layer layer) {
            return switch (layer) {
                case FILE -> "config file " + configFile;
                case ENV -> ConfigKeys.envName(key);
                case SET -> "--set";
                case FLAG -> flag(key);
            };
        }

        int run(String... extra) {
            try {
                Files.writeString(configFile, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> all = new ArrayList<>(List.of(command.qualifiedName().split(" ")));
            all.remove(0); // "paypulse"
            all.addAll(List.of("--config", configFile.toString()));
            all.addAll(REQUIRED_ARGS.getOrDefault(name(command), List.of()));
            all.addAll(args);
            all.addAll(List.of(extra));
            return Main.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        }

        Map<String, String[]> show() {
            assertThat(run("--show-config")).as(err.toString()).isZero();
            return parse();
        }

        Map<String, String[]> parse() {
            Pattern line = Pattern.compile("^(\\S+) = (.*?)   \\((.*)\\)$", Pattern.MULTILINE);
            Map<String, String[]> shown = new HashMap<>();
            Matcher m = line.matcher(out.toString());
            while (m.find()) {
                shown.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
            return shown;
        }
    }

    /** Every command that reads settings (each has the common options), e.g. {@code paypulse topics ensure}. */
    private static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        collect(Main.commandLine(Map.of()), out);
        assertThat(out).extracting(SettingLayersTest::name)
                .contains("run", "generate", "process", "broker", "topics ensure", "topics list");
        return out;
    }

    private static void collect(CommandLine cl, List<CommandSpec> out) {
        if (cl.getCommandSpec().findOption("--show-config") != null) {
            out.add(cl.getCommandSpec());
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }

    private static CommandSpec command(String name) {
        return commands().stream().filter(c -> name(c).equals(name)).findFirst().orElseThrow();
    }

    private static String name(CommandSpec c) {
        return c.qualifiedName().substring("paypulse ".length());
    }

    private static List<String> paths(String name) {
        return List.of("f", "e", "s", "g").stream().map(l -> dir.resolve(name + "-" + l).toString()).toList();
    }

    private static Path file(String name) {
        Path f = dir.resolve(name);
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, "# exists\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static String clientConfig(String name) {
        Path f = dir.resolve(name + ".properties");
        try {
            Files.writeString(f, "client.dns.lookup=use_all_dns_ips\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toString();
    }
}

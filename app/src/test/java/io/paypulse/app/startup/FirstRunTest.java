package io.paypulse.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.RulesFile;
import io.paypulse.app.help.AboutInfo;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.files.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunTest {

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private AppDirs dirs;

    @BeforeEach
    void dirs() {
        env = Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "XDG_DATA_HOME", tmp.resolve("data").toString());
        dirs = AppDirs.resolve(env, Map.of(), tmp.resolve("config/paypulse/app.json"));
    }

    @Test
    void createsTheDataAndConfigFoldersTheConfigFileAndTheRulesCopy() throws Exception {
        var created = FirstRun.ensure(dirs, env);

        assertThat(dirs.dataDir()).isEqualTo(tmp.resolve("data/paypulse")).isDirectory();
        assertThat(dirs.configFile()).isEqualTo(tmp.resolve("config/paypulse/paypulse.yaml")).isRegularFile();
        assertThat(dirs.rulesCopy()).isEqualTo(tmp.resolve("config/paypulse/rules.yaml")).isRegularFile();
        assertThat(created).containsExactly(dirs.dataDir(), dirs.configDir(), dirs.configFile(), dirs.rulesCopy());
    }

    @Test
    void theWrittenConfigParsesWithTheRealLoaderAndChangesNothing() throws Exception {
        FirstRun.ensure(dirs, env);

        PayPulseConfig withFile = ConfigLoader.load(dirs.configFile(), env, Map.of());
        PayPulseConfig without = ConfigLoader.load(null,
                Map.of("XDG_CONFIG_HOME", tmp.resolve("elsewhere").toString(),
                        "XDG_DATA_HOME", tmp.resolve("data").toString()), Map.of());
        assertThat(withFile).isEqualTo(without);
    }

    @Test
    void everySettingIsListedAndUncommentingAllOfThemGivesTheDefaults() throws Exception {
        FirstRun.ensure(dirs, env);
        String text = Files.readString(dirs.configFile());
        for (String key : ConfigKeys.ALL) {
            assertThat(text).as("setting " + key).containsPattern("(?m)^#" + Pattern.quote(key) + ": ");
        }
        // A setting line is '#key: value'; explanations start with '# '. Uncomment every setting.
        String uncommented = text.lines().map(l -> l.matches("#[a-z].*") ? l.substring(1) : l)
                .collect(Collectors.joining("\n"));
        Path all = tmp.resolve("all.yaml");
        Files.writeString(all, uncommented);

        PayPulseConfig fromAll = ConfigLoader.load(all, env, Map.of());
        PayPulseConfig d = ConfigLoader.load(dirs.configFile(), env, Map.of());
        // The one documented difference: a port written down is mandatory (no fallback to a free one).
        assertThat(fromAll.brokerPortExplicit()).isTrue();
        assertThat(fromAll).isEqualTo(d.with(b -> {
            b.brokerPortExplicit = true;
            b.fileModes = FileModes.PRIVATE;
        }));
        assertThat(fromAll.dataDir()).isEqualTo(dirs.dataDir());
        assertThat(fromAll.processor().rulesFile()).isNull();
    }

    @Test
    void theRulesCopyIsTheShippedFileAndLoads() throws Exception {
        FirstRun.ensure(dirs, env);

        assertThat(Files.readString(dirs.rulesCopy())).isEqualTo(FirstRun.shippedRules());
        assertThat(RulesFile.load(dirs.rulesCopy())).isEqualTo(RulesFile.defaults());
        assertThat(Files.readString(dirs.configFile())).contains(dirs.rulesCopy().toString());
    }

    @Test
    void neverOverwritesTheUsersFiles() throws Exception {
        Files.createDirectories(dirs.configDir());
        Files.writeString(dirs.configFile(), "generator:\n  rate: 7\n");
        Files.writeString(dirs.rulesCopy(), "");

        var created = FirstRun.ensure(dirs, env);

        assertThat(Files.readString(dirs.configFile())).isEqualTo("generator:\n  rate: 7\n");
        assertThat(Files.readString(dirs.rulesCopy())).isEmpty();
        assertThat(created).containsExactly(dirs.dataDir());
        assertThat(FirstRun.ensure(dirs, env)).as("second run").isEmpty();
    }

    @Test
    void theDataFolderFollowsLaunchFlagsAndTheEnvironment() {
        assertThat(AppDirs.resolve(env, Map.of(ConfigKeys.DATA_DIR, tmp.resolve("d").toString()), Path.of("a.json"))
                .logFile()).isEqualTo(tmp.resolve("d/logs/paypulse.log"));
        Map<String, String> withEnv = new HashMap<>(env);
        withEnv.put("PAYPULSE_DATA_DIR", tmp.resolve("e").toString());
        assertThat(AppDirs.resolve(withEnv, Map.of(), Path.of("a.json")).outputDir()).isEqualTo(tmp.resolve("e/output"));
    }

    @Test
    void aBrokenConfigFileStillGivesAPlaceForLogs() throws Exception {
        Files.createDirectories(dirs.configDir());
        Files.writeString(dirs.configFile(), "generator:\n  rate: fast\n");

        assertThat(AppDirs.resolve(env, Map.of(), Path.of("a.json")).dataDir()).isEqualTo(tmp.resolve("data/paypulse"));
    }

    @Test
    void aboutListsVersionsAndPaths() {
        AboutInfo info = new AboutInfo(null, "17.0.15", "Debian", "21.0.11", "4.3.1", dirs);

        assertThat(info.title()).isEqualTo("PayPulse (development build)");
        assertThat(info.text()).contains("Java: 17.0.15 (Debian)", "JavaFX: 21.0.11", "Apache Kafka: 4.3.1",
                "Log file: " + dirs.logFile(), "Data folder: " + dirs.dataDir(), "Config file: " + dirs.configFile());
    }
}

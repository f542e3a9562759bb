package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.files.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of {@link Setting} beyond numbers: what it takes, what it keeps, and its one sentence. */
class SettingKindsTest {

    @TempDir
    Path dir;

    @Test
    void aChoiceTakesAnyCaseKeepsLowerCaseAndListsTheAllowedValues() {
        assertThat(ProcessorSettings.GUARANTEE.read(Map.of(ConfigKeys.GUARANTEE, " AT_LEAST_ONCE "))).isEqualTo("at_least_once");
        assertThat(ProcessorSettings.GUARANTEE.read(Map.of())).isEqualTo("exactly_once_v2");
        assertThatThrownBy(() -> ProcessorSettings.GUARANTEE.read(Map.of(ConfigKeys.GUARANTEE, "")))
                .hasMessage("Invalid value '' for processor.guarantee: allowed: exactly_once_v2, at_least_once.");
        assertThatThrownBy(() -> GeneratorSettings.LOG_FORMAT.value("yaml"))
                .hasMessage("Invalid value 'yaml' for generator.log-format: allowed: compact (default), python.");
    }

    @Test
    void textMustMatchItsPatternAndABlankApplicationIdIsNotTheDefault() {
        assertThat(ProcessorSettings.APPLICATION_ID.value(" app-1.x_y ")).isEqualTo("app-1.x_y");
        assertThatThrownBy(() -> ProcessorSettings.APPLICATION_ID.read(Map.of(ConfigKeys.APPLICATION_ID, " ")))
                .hasMessage("Invalid value ' ' for processor.application-id: allowed: letters, digits, '.', '_' and '-'.");
        assertThat(ProcessorSettings.HTTP_HOST.value(" ")).isEqualTo(ProcessorSettings.LOOPBACK);
        assertThat(ProcessorSettings.HTTP_HOST.value("::1")).isEqualTo("::1");
        assertThatThrownBy(() -> ProcessorSettings.HTTP_HOST.require("not a host"))
                .hasMessage("Invalid value 'not a host' for processor.http-host: allowed: an address of this machine "
                        + "such as 127.0.0.1 (default, this machine only), 0.0.0.0 (all interfaces) or a host name.");
    }

    @Test
    void urlsAreHttpWithAHostAndARegistryIsKeptWithoutItsTrailingSlash() {
        assertThat(ProcessorSettings.NOTIFY_WEBHOOK_URL.value("https://h/x?token=1")).isEqualTo("https://h/x?token=1");
        assertThat(ProcessorSettings.NOTIFY_WEBHOOK_URL.value("")).isEmpty();
        assertThatThrownBy(() -> ProcessorSettings.NOTIFY_WEBHOOK_URL.value("ftp://h/x"))
                .hasMessage("Invalid value 'ftp://h/x' for notify.webhook-url: allowed: an http:// or https:// URL such "
                        + "as http://127.0.0.1:9000/hook, or empty for none.");
        assertThat(PayPulseConfig.SCHEMA_REGISTRY_URL.value(" http://r:8081/ ")).isEqualTo("http://r:8081");
        assertThatThrownBy(() -> PayPulseConfig.SCHEMA_REGISTRY_URL.value("http://r:8081/?x=1"))
                .hasMessage("Invalid value 'http://r:8081/?x=1' for schema.registry.url: allowed: an http:// or https:// "
                        + "URL such as http://localhost:8081, or empty for no registry.");
    }

    @Test
    void serversAreHostPortPairsAndAClientConfigsServersCountOnlyWithoutTheSetting() throws Exception {
        assertThat(PayPulseConfig.BOOTSTRAP.value("PLAINTEXT://k1:9092, [::1]:9093")).isEqualTo("PLAINTEXT://k1:9092, [::1]:9093");
        assertThatThrownBy(() -> PayPulseConfig.BOOTSTRAP.value("k1:70000"))
                .hasMessage("Invalid value 'k1:70000' for bootstrap: allowed: host:port pairs separated by commas, such "
                        + "as kafka1:9092,kafka2:9092, or empty for the embedded broker.");
        Path props = Files.writeString(dir.resolve("c.properties"), "bootstrap.servers=c:9092\n");
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.toString());
        assertThat(PayPulseConfig.from(Map.of(ConfigKeys.CLIENT_CONFIG, props.toString()), env).bootstrapServers())
                .isEqualTo("c:9092");
        assertThat(PayPulseConfig.from(Map.of(ConfigKeys.CLIENT_CONFIG, props.toString(), ConfigKeys.BOOTSTRAP, ""), env)
                .embedded()).isTrue();
    }

    @Test
    void aPathIsCheckedWhetherGivenOrDefaulted() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> PayPulseConfig.DATA_DIR.read(Map.of(), file))
                .hasMessage("Invalid value '" + file + "' for data-dir: allowed: a directory (created when missing), not a file.");
        assertThat(PayPulseConfig.DATA_DIR.read(Map.of(ConfigKeys.DATA_DIR, "~/pp"), file))
                .isEqualTo(Path.of(System.getProperty("user.home"), "pp"));
        assertThat(ProcessorSettings.RULES.value(file.toString())).isEqualTo(file);
        assertThat(ProcessorSettings.RULES.value(" ")).isNull();
        assertThatThrownBy(() -> ProcessorSettings.RULES.value(dir.toString()))
                .hasMessage("Invalid value '" + dir + "' for processor.rules: allowed: an existing alert rules file (YAML),"
                        + " or empty for the shipped rules.");
        assertThatThrownBy(() -> ProcessorSettings.RULES.value("a\0b"))
                .hasMessage("Invalid value 'a\0b' for processor.rules: allowed: a file system path.");
    }

    @Test
    void aParsedValueAndARangeWithItsOwnSentence() {
        assertThat(PayPulseConfig.FILE_MODE.value("0640")).isEqualTo(FileModes.ofFileMode("640"));
        assertThat(PayPulseConfig.FILE_MODE.show(PayPulseConfig.FILE_MODE.value(""))).isEqualTo("600");
        assertThatThrownBy(() -> PayPulseConfig.FILE_MODE.value("755")).hasMessage("Invalid value '755' for file-mode: "
                + "allowed: an octal file mode that lets the owner read and write and grants no execute, e.g. 600 "
                + "(default) or 640.");
        assertThat(ProcessorSettings.HTTP_PORT.value("8080")).isEqualTo(8080);
        assertThatThrownBy(() -> ProcessorSettings.HTTP_PORT.require(65536))
                .hasMessage("Invalid value '65536' for processor.http-port: allowed: a port from 1 to 65535, or 0 for off.");
        assertThat(GeneratorSettings.SEED.read(Map.of(), null)).isNull();
        assertThat(GeneratorSettings.SEED.show(null)).isEmpty();
    }
}

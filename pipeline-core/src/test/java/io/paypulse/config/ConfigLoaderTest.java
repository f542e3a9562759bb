package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        return env;
    }

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("paypulse.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsFollowXdgDirectories() {
        PayPulseConfig c = ConfigLoader.load(null, env(), Map.of());
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data/paypulse"));
        assertThat(c.outputDir()).isEqualTo(dir.resolve("data/paypulse/output"));
        assertThat(c.embedded()).isTrue();
        assertThat(c.brokerPort()).isEqualTo(9092);
        assertThat(c.brokerPortExplicit()).isFalse();
        assertThat(c.processor().guarantee()).isEqualTo("exactly_once_v2");
        assertThat(c.processor().grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fileOverridesDefaultsEnvOverridesFileFlagsOverrideEnv() throws IOException {
        Path f = file("""
                generator:
                  rate: 10
                  seed: 1
                processor:
                  grace: 10s
                """);
        Map<String, String> env = env();
        env.put("PAYPULSE_GENERATOR_RATE", "20");
        env.put("PAYPULSE_PROCESSOR_GRACE", "2s");
        PayPulseConfig c = ConfigLoader.load(f, env, Map.of(ConfigKeys.RATE, "30"));
        assertThat(c.generator().rate()).isEqualTo(30);
        assertThat(c.processor().grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.generator().seed()).isEqualTo(1L);
    }

    @Test
    void theDefaultFileIsReadWhenPresent() throws IOException {
        Path f = dir.resolve("config/paypulse/paypulse.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "broker:\n  port: 19092\n");
        PayPulseConfig c = ConfigLoader.load(null, env(), Map.of());
        assertThat(c.brokerPort()).isEqualTo(19092);
        assertThat(c.brokerPortExplicit()).isTrue();
    }

    @Test
    void kafkaSettingsPassThroughFromFileAndEnvironment() throws IOException {
        Path f = file("""
                bootstrap: kafka1:9092
                kafka:
                  security.protocol: SASL_SSL
                  sasl:
                    mechanism: PLAIN
                """);
        Map<String, String> env = env();
        env.put("PAYPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/ts.jks");
        PayPulseConfig c = ConfigLoader.load(f, env, Map.of());
        assertThat(c.embedded()).isFalse();
        assertThat(c.kafka()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("ssl.truststore.location", "/etc/ts.jks");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        generator.rate           | fast         | Invalid value 'fast' for generator.rate: allowed: a number from 0 to 10000000.
        generator.rate           | -1           | Invalid value '-1' for generator.rate: allowed: a number from 0 to 10000000.
        broker.port              | 70000        | Invalid value '70000' for broker.port: allowed: a whole number from 0 to 65535.
        processor.guarantee      | exactly_once | Invalid value 'exactly_once' for processor.guarantee: allowed: exactly_once_v2, at_least_once.
        processor.grace          | soon         | Invalid value 'soon' for processor.grace: allowed: a duration such as 500ms, 5s, 2m from 0ms to 60m.
        processor.sinks          | maybe        | Invalid value 'maybe' for processor.sinks: allowed: true, false.
        processor.threads        | 0            | Invalid value '0' for processor.threads: allowed: a whole number from 1 to 64.
        processor.application-id | a b          | Invalid value 'a b' for processor.application-id: allowed: letters, digits, '.', '_' and '-'.
        processor.http-port      | 70000        | Invalid value '70000' for processor.http-port: allowed: a port from 1 to 65535, or 0 for off.
        processor.http-port      | -1           | Invalid value '-1' for processor.http-port: allowed: a port from 1 to 65535, or 0 for off.
        processor.http-port      | web          | Invalid value 'web' for processor.http-port: allowed: a port from 1 to 65535, or 0 for off.
        """)
    void aBadValueNamesTheKeyTheValueAndWhatIsAllowed(String key, String value, String sentence) {
        assertThatThrownBy(() -> ConfigLoader.load(null, env(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class).hasMessage(sentence);
    }

    @Test
    void aBadValueFromTheEnvironmentIsReportedTheSameWay() {
        Map<String, String> env = env();
        env.put("PAYPULSE_TOPICS_PARTITIONS", "lots");
        assertThatThrownBy(() -> ConfigLoader.load(null, env, Map.of()))
                .hasMessage("Invalid value 'lots' for topics.partitions (from PAYPULSE_TOPICS_PARTITIONS): allowed: a whole number from 1 to 1000.");
    }

    @Test
    void theHealthEndpointIsOffByDefaultAndItsPortComesFromFileEnvironmentOrFlag() throws IOException {
        assertThat(ConfigLoader.load(null, env(), Map.of()).processor().httpPort()).isZero();
        Path f = file("processor:\n  http-port: 8080\n");
        assertThat(ConfigLoader.load(f, env(), Map.of()).processor().httpPort()).isEqualTo(8080);
        Map<String, String> env = env();
        env.put("PAYPULSE_PROCESSOR_HTTP_PORT", "9100");
        assertThat(ConfigLoader.load(f, env, Map.of()).processor().httpPort()).isEqualTo(9100);
        assertThat(ConfigLoader.load(f, env, Map.of(ConfigKeys.HTTP_PORT, "9200")).processor().httpPort()).isEqualTo(9200);
        assertThat(ConfigKeys.fromEnvName("PAYPULSE_PROCESSOR_HTTP_PORT")).contains(ConfigKeys.HTTP_PORT);
    }

    @Test
    void aBadHealthPortFromTheEnvironmentNamesTheKey() {
        Map<String, String> env = env();
        env.put("PAYPULSE_PROCESSOR_HTTP_PORT", "0x50");
        assertThatThrownBy(() -> ConfigLoader.load(null, env, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '0x50' for processor.http-port (from PAYPULSE_PROCESSOR_HTTP_PORT): allowed: a port from 1 to 65535, or 0 for off.");
    }

    @Test
    void theSchemaRegistryIsOffByDefaultAndItsUrlComesFromFileEnvironmentOrFlag() throws IOException {
        assertThat(ConfigLoader.load(null, env(), Map.of()).hasSchemaRegistry()).isFalse();
        Path f = file("schema:\n  registry:\n    url: http://registry:8081/\n");
        assertThat(ConfigLoader.load(f, env(), Map.of()).schemaRegistryUrl()).isEqualTo("http://registry:8081");
        Map<String, String> env = env();
        env.put("PAYPULSE_SCHEMA_REGISTRY_URL", "https://sr.example.com:8443");
        assertThat(ConfigLoader.load(f, env, Map.of()).schemaRegistryUrl()).isEqualTo("https://sr.example.com:8443");
        assertThat(ConfigLoader.load(f, env, Map.of(ConfigKeys.SCHEMA_REGISTRY_URL, "http://localhost:8081"))
                .schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(ConfigKeys.fromEnvName("PAYPULSE_SCHEMA_REGISTRY_URL")).contains(ConfigKeys.SCHEMA_REGISTRY_URL);
    }

    @ParameterizedTest
    @CsvSource({"localhost:8081", "ftp://registry:8081", "http://", "http://reg istry:8081", "http://user:pw@registry:8081"})
    void aBadSchemaRegistryUrlNamesTheKey(String url) {
        Map<String, String> env = env();
        env.put("PAYPULSE_SCHEMA_REGISTRY_URL", url);
        assertThatThrownBy(() -> ConfigLoader.load(null, env, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '" + url + "' for schema.registry.url (from PAYPULSE_SCHEMA_REGISTRY_URL): allowed: an http:// or https:// URL "
                        + "such as http://localhost:8081, or empty for no registry.");
    }

    @Test
    void anUnknownSettingInTheFileIsAnErrorNotIgnored() throws IOException {
        Path f = file("generator:\n  rte: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, env(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unknown setting 'generator.rte' in " + f);
    }

    @Test
    void aSettingGivenTwiceInTheFileIsOneSentenceNamingItAndItsLineNotLastWins() throws IOException {
        Path flat = file("generator.rate: 5\ngenerator.events: 9\ngenerator.rate: 7\n");
        assertThatThrownBy(() -> ConfigLoader.load(flat, env(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config file " + flat + " gives setting 'generator.rate' twice (line 3): keep one.");
        Path nested = file("generator:\n  rate: 5\n  events: 9\n  rate: 7\n");
        assertThatThrownBy(() -> ConfigLoader.load(nested, env(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config file " + nested + " gives setting 'generator.rate' twice (line 4): keep one.");
    }

    @Test
    void brokenYamlAndMissingFilesAreOneSentence() throws IOException {
        Path f = file("generator: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, env(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), env(), Map.of()))
                .hasMessage("Config file " + dir.resolve("nope.yaml") + " does not exist.");
    }

    @Test
    void environmentNamesMapBothWays() {
        assertThat(ConfigKeys.envName(ConfigKeys.APPLICATION_ID)).isEqualTo("PAYPULSE_PROCESSOR_APPLICATION_ID");
        assertThat(ConfigKeys.fromEnvName("PAYPULSE_PROCESSOR_APPLICATION_ID")).contains(ConfigKeys.APPLICATION_ID);
        assertThat(ConfigKeys.fromEnvName("PAYPULSE_UNRELATED")).isEmpty();
        assertThat(ConfigKeys.fromEnvName("HOME")).isEmpty();
    }

    @Test
    void kafkaSettingsWinOverTheClientConfigFileWhichBeatsNothingElse() throws IOException {
        Path props = dir.resolve("client.properties");
        Files.writeString(props, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=k1:9093,k2:9093\n");
        Map<String, String> env = env();
        env.put("PAYPULSE_CLIENT_CONFIG", props.toString());
        env.put("PAYPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        PayPulseConfig c = ConfigLoader.load(null, env, Map.of());
        assertThat(c.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        // The file's own bootstrap.servers counts when no layer names the cluster, as with Kafka's tools.
        assertThat(c.bootstrapServers()).isEqualTo("k1:9093,k2:9093");
        assertThat(ConfigLoader.load(null, env, Map.of(ConfigKeys.BOOTSTRAP, "k3:9092")).bootstrapServers())
                .isEqualTo("k3:9092");
    }

    @Test
    void theHealthEndpointBindsLoopbackUnlessAnAddressIsChosen() throws IOException {
        assertThat(ConfigLoader.load(null, env(), Map.of()).processor().httpHost()).isEqualTo("127.0.0.1");
        Path f = file("processor:\n  http-host: 0.0.0.0\n");
        assertThat(ConfigLoader.load(f, env(), Map.of()).processor().httpHost()).isEqualTo("0.0.0.0");
        assertThat(ConfigKeys.fromEnvName("PAYPULSE_PROCESSOR_HTTP_HOST")).contains(ConfigKeys.HTTP_HOST);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        localhost:9092                        | true
        k1:9092, k2:9093                      | true
        [::1]:9092                            | true
        SASL_SSL://broker.example.com:9094    | true
        localhost                             | false
        localhost:0                           | false
        localhost:99999                       | false
        'k1:9092,'                            | false
        """)
    void bootstrapServersAreHostPortPairs(String servers, boolean valid) {
        if (valid) {
            assertThat(ConfigLoader.load(null, env(), Map.of(ConfigKeys.BOOTSTRAP, servers)).bootstrapServers())
                    .isEqualTo(servers.trim());
        } else {
            assertThatThrownBy(() -> ConfigLoader.load(null, env(), Map.of(ConfigKeys.BOOTSTRAP, servers)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid value '" + servers + "' for bootstrap: ");
        }
    }
}

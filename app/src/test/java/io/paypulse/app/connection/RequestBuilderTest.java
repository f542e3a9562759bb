package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.alert.RulesFile;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestBuilderTest {

    @TempDir
    Path dir;

    private RequestBuilder builder() {
        return new RequestBuilder(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString()),
                Map.of(ConfigKeys.DATA_DIR, dir.toString(), ConfigKeys.BROKER_PORT, "0"));
    }

    @Test
    void embeddedUsesTheEmbeddedBrokerTheOverridesAndTheShippedRules() {
        ConnectionRequest r = builder().build(ConnectionMode.EMBEDDED, "ignored:1", "", "", 250, "");
        assertThat(r.config().embedded()).isTrue();
        assertThat(r.config().dataDir()).isEqualTo(dir);
        assertThat(r.config().generator().rate()).isEqualTo(250);
        assertThat(r.rules()).isNotEmpty();
    }

    @Test
    void theAppsTypedRateWinsOverTheEnvironmentAndMeetsTheSettingsOneRange() {
        RequestBuilder withEnvRate = new RequestBuilder(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
                ConfigKeys.envName(ConfigKeys.RATE), "fast"), Map.of(ConfigKeys.DATA_DIR, dir.toString()));
        assertThat(withEnvRate.build(ConnectionMode.EMBEDDED, "", "", "", 750, "").config().generator().rate())
                .isEqualTo(750);
        assertThatThrownBy(() -> builder().build(ConnectionMode.EMBEDDED, "", "", "", -1, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '-1' for generator.rate: allowed: a number from 0 to 10000000.");
        RequestBuilder launchRate = new RequestBuilder(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString()),
                Map.of(ConfigKeys.DATA_DIR, dir.toString(), ConfigKeys.RATE, "42"));
        assertThat(launchRate.build(ConnectionMode.EMBEDDED, "", "", "", 750, "").config().generator().rate())
                .as("a launch override still wins").isEqualTo(42);
    }

    @Test
    void customNeedsServersAndPassesClientProperties() {
        assertThatThrownBy(() -> builder().build(ConnectionMode.CUSTOM, " ", "", "", 100, ""))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Enter the bootstrap servers");
        ConnectionRequest r = builder().build(ConnectionMode.CUSTOM, "k1:9092", "", "# comment\nsecurity.protocol = SASL_SSL\n",
                100, "");
        assertThat(r.config().bootstrapServers()).isEqualTo("k1:9092");
        assertThat(r.config().kafka()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void dockerModeWatchesTheStacksThreeBrokers() {
        ConnectionRequest r = builder().build(ConnectionMode.DOCKER, "ignored:1", "", "", 100, "");
        assertThat(r.config().embedded()).isFalse();
        assertThat(r.config().bootstrapServers()).isEqualTo("localhost:19092,localhost:29092,localhost:39092");
    }

    @Test
    void theClientConfigFileIsReadAtConnectTimeAndInlinePropertiesGoOverIt() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, ClientPropertiesTest.SASL_CLIENT);

        ConnectionRequest r = builder().build(ConnectionMode.CUSTOM, "k1:9092", file.toString(),
                "client.id=paypulse-app\nsasl.mechanism=SCRAM-SHA-512", 100, "");

        assertThat(r.config().bootstrapServers()).as("the profile's servers win over the file's").isEqualTo("k1:9092");
        assertThat(r.config().kafka())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.id", "paypulse-app")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("bootstrap.servers");
        assertThat(r.config().kafka().get("sasl.jaas.config")).endsWith("password=\"s3cr3t+/with=equals\";");
    }

    @Test
    void blankServersTakeTheFilesBootstrapServers() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, ClientPropertiesTest.SASL_CLIENT);

        ConnectionRequest r = builder().build(ConnectionMode.CUSTOM, "", file.toString(), "", 100, "");

        assertThat(r.config().bootstrapServers()).isEqualTo("pkc-abc12.eu-west-1.aws.confluent.cloud:9092");
    }

    @Test
    void aMissingClientConfigFileIsOneSentenceAndNothingStarts() {
        Path gone = dir.resolve("moved-away.properties");
        assertThatThrownBy(() -> builder().build(ConnectionMode.CUSTOM, "k1:9092", gone.toString(), "", 100, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The client properties file " + gone + " does not exist; import it again or remove it "
                        + "from the profile.");
    }

    @Test
    void theClientConfigFileIsIgnoredOutsideCustomMode() {
        ConnectionRequest r = builder().build(ConnectionMode.EMBEDDED, "", dir.resolve("absent").toString(),
                "security.protocol=SSL", 100, "");
        assertThat(r.config().kafka()).doesNotContainKey("security.protocol");
    }

    @Test
    void aMissingRulesFileIsReported() {
        assertThatThrownBy(() -> builder().build(ConnectionMode.EMBEDDED, "", "", "", 100, dir.resolve("nope.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void theAppsRulesFileWinsOverTheEnvironmentsAndIsCheckedInTheSettingsOwnSentence() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        try (var shipped = RulesFile.class.getResourceAsStream("default-rules.yaml")) {
            Files.copy(shipped, rules);
        }
        RequestBuilder envRules = new RequestBuilder(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
                ConfigKeys.envName(ConfigKeys.RULES), dir.resolve("gone.yaml").toString()),
                Map.of(ConfigKeys.DATA_DIR, dir.toString()));
        assertThat(envRules.build(ConnectionMode.EMBEDDED, "", "", "", 100, rules.toString()).config().processor()
                .rulesFile()).isEqualTo(rules);
        assertThatThrownBy(() -> builder().build(ConnectionMode.EMBEDDED, "", "", "", 100, dir.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '" + dir + "' for processor.rules: allowed: an existing alert rules file (YAML),"
                        + " or empty for the shipped rules.");
    }

    @Test
    void theEnvironmentsBootstrapIsNotReadWhenTheAppChoosesTheCluster() {
        RequestBuilder envServers = new RequestBuilder(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
                ConfigKeys.envName(ConfigKeys.BOOTSTRAP), "no-port"), Map.of(ConfigKeys.DATA_DIR, dir.toString()));
        assertThat(envServers.build(ConnectionMode.EMBEDDED, "", "", "", 100, "").config().embedded()).isTrue();
        assertThatThrownBy(() -> builder().build(ConnectionMode.CUSTOM, "k1", "", "", 100, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value 'k1' for bootstrap: allowed: host:port pairs");
    }
}

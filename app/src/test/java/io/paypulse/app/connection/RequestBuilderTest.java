package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

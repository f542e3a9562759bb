package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
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
        ConnectionRequest r = builder().build(ConnectionMode.EMBEDDED, "ignored:1", "", 250, "");
        assertThat(r.config().embedded()).isTrue();
        assertThat(r.config().dataDir()).isEqualTo(dir);
        assertThat(r.config().generator().rate()).isEqualTo(250);
        assertThat(r.rules()).isNotEmpty();
    }

    @Test
    void customNeedsServersAndPassesClientProperties() {
        assertThatThrownBy(() -> builder().build(ConnectionMode.CUSTOM, " ", "", 100, ""))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Enter the bootstrap servers");
        ConnectionRequest r = builder().build(ConnectionMode.CUSTOM, "k1:9092", "# comment\nsecurity.protocol = SASL_SSL\n",
                100, "");
        assertThat(r.config().bootstrapServers()).isEqualTo("k1:9092");
        assertThat(r.config().kafka()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void dockerModeWatchesTheStacksThreeBrokers() {
        ConnectionRequest r = builder().build(ConnectionMode.DOCKER, "ignored:1", "", 100, "");
        assertThat(r.config().embedded()).isFalse();
        assertThat(r.config().bootstrapServers()).isEqualTo("localhost:19092,localhost:29092,localhost:39092");
    }

    @Test
    void aMalformedPropertyLineIsOnePlainSentence() {
        assertThatThrownBy(() -> RequestBuilder.parseClientProperties("a=b\nnonsense"))
                .isInstanceOf(ConfigException.class).hasMessage("Client property line 2 ('nonsense') is not of the form key=value.");
    }

    @Test
    void aMissingRulesFileIsReported() {
        assertThatThrownBy(() -> builder().build(ConnectionMode.EMBEDDED, "", "", 100, dir.resolve("nope.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }
}

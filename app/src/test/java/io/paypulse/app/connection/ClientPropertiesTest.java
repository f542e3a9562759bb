package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client properties are read as Kafka reads a {@code client.properties}: {@link java.util.Properties} rules. */
class ClientPropertiesTest {

    /** As Confluent Cloud and most SASL guides print it: the JAAS line continued with backslashes. */
    static final String SASL_CLIENT = """
            # Confluent Cloud client
            bootstrap.servers=pkc-abc12.eu-west-1.aws.confluent.cloud:9092
            security.protocol=SASL_SSL
            sasl.mechanism=PLAIN
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                username="ABCDEFGHIJKLMNOP" \\
                password="s3cr3t+/with=equals";
            ssl.endpoint.identification.algorithm=https
            """;

    @Test
    void aBackslashContinuedJaasConfigIsOneValue() {
        Map<String, String> p = ClientProperties.parse(SASL_CLIENT);

        assertThat(p).containsEntry("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"ABCDEFGHIJKLMNOP\" password=\"s3cr3t+/with=equals\";");
        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .hasSize(5);
    }

    @Test
    void colonSeparatorsEscapesAndBothCommentStylesFollowPropertiesRules() {
        Map<String, String> p = ClientProperties.parse("""
                ! a comment, Properties style
                client.id : paypulse-app
                ssl.truststore.location=C:\\\\certs\\\\truststore.jks
                ssl.endpoint.identification.algorithm=
                key\\ with\\ spaces=value\\u00e9
                """);

        assertThat(p).containsOnly(
                Map.entry("client.id", "paypulse-app"),
                Map.entry("ssl.truststore.location", "C:\\certs\\truststore.jks"),
                Map.entry("ssl.endpoint.identification.algorithm", ""),
                Map.entry("key with spaces", "value\u00e9"));
    }

    @Test
    void aBrokenUnicodeEscapeIsOneSentence() {
        assertThatThrownBy(() -> ClientProperties.parse("sasl.username=\\uZZZZ"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The client properties hold a malformed \\uXXXX escape; write the character itself "
                        + "or a valid escape such as \\u00e9.");
    }

    @Test
    void loadReadsAClientPropertiesFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("client.properties");
        Files.writeString(f, SASL_CLIENT);

        assertThat(ClientProperties.load(f)).isEqualTo(ClientProperties.parse(SASL_CLIENT));
    }

    @Test
    void aMissingFileIsOneSentenceNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("gone.properties");
        assertThatThrownBy(() -> ClientProperties.load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The client properties file " + f + " does not exist; import it again or remove it "
                        + "from the profile.");
    }

    @Test
    void aFolderIsNotAPropertiesFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ClientProperties.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("The client properties file " + dir + " cannot be read");
    }
}

package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @Test
    void aPlainJaasPasswordOrKeyPasswordGetsTheRecommendation() {
        String hint = SecretKeys.hint(ClientPropertiesTest.SASL_CLIENT + "ssl.key.password=hunter2\n");

        assertThat(hint).startsWith("sasl.jaas.config, ssl.key.password hold a secret")
                .contains("Import…").contains("${env:KAFKA_PASSWORD}").contains("config.providers=env")
                .doesNotContain("\n");
    }

    @Test
    void nonSecretSettingsAndConfigProviderReferencesGetNone() {
        assertThat(SecretKeys.hint("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.id=app")).isEmpty();
        assertThat(SecretKeys.hint("""
                config.providers=env
                config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
                ssl.truststore.password=${env:TRUSTSTORE_PASSWORD}
                """)).isEmpty();
        assertThat(SecretKeys.hint("")).isEmpty();
    }

    @Test
    void secretLookingKeys() {
        assertThat(SecretKeys.plainSecrets(Map.of(
                "sasl.jaas.config", "x", "ssl.keystore.password", "x", "ssl.keystore.key", "x",
                "sasl.oauthbearer.client.credentials.client.secret", "x", "basic.auth.user.info", "u:p",
                "ssl.truststore.location", "/t.jks", "sasl.mechanism", "PLAIN")))
                .containsExactlyInAnyOrder("sasl.jaas.config", "ssl.keystore.password", "ssl.keystore.key",
                        "sasl.oauthbearer.client.credentials.client.secret", "basic.auth.user.info");
    }

    /**
     * What the hint recommends works as written: the Kafka client resolves the references itself, so
     * the secret never passes through PayPulse's files.
     */
    @Test
    void theKafkaClientResolvesTheConfigProviderReferencesTheHintRecommends(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "password=s3cr3t\n");
        Map<String, Object> props = new HashMap<>(Map.of(
                "bootstrap.servers", "localhost:9092",
                "config.providers", "env,file",
                "config.providers.env.class", SecretKeys.ENV_PROVIDER,
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "ssl.key.password", "${file:" + secrets + ":password}",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"${env:PATH}\";"));

        AdminClientConfig resolved = new AdminClientConfig(props);

        assertThat(resolved.getPassword("ssl.key.password").value()).isEqualTo("s3cr3t");
        assertThat(resolved.getPassword("sasl.jaas.config").value()).contains("password=\"" + System.getenv("PATH") + "\"");
    }
}

package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A Kafka client .properties file read as Kafka's own tools read it. */
class ClientConfigFileTest {

    @TempDir
    Path dir;

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"alice\" password=\"s3cr=t#1\";";

    @Test
    void aBackslashContinuedJaasConfigArrivesWhole() throws Exception {
        Path f = dir.resolve("client.properties");
        Files.writeString(f, """
                # SASL over TLS
                security.protocol=SASL_SSL
                sasl.mechanism : PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="alice" \\
                    password="s3cr=t#1";
                ! another comment style
                ssl.truststore.location=/etc/kafka/C\\:\\\\certs\\\\ts.jks
                """);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(ClientConfigFile.load(f)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/C:\\certs\\ts.jks"));
    }

    @Test
    void pastedTextHasTheSameSemantics() {
        assertThat(ClientConfigFile.parse("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required \\\n  username=\"alice\" \\\n  password=\"s3cr=t#1\";\n"))
                .containsExactly(Map.entry("sasl.jaas.config", JAAS));
    }

    @Test
    void aMissingFileIsOneSentence() {
        Path f = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ClientConfigFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage("Client config file " + f + " (client-config) does not exist.");
    }

    @Test
    void anUnreadableFileIsOneSentence() throws Exception {
        Path f = dir.resolve("locked.properties");
        Files.writeString(f, "a=b\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(f)) {
            return; // running as root: permissions do not stop us
        }
        assertThatThrownBy(() -> ClientConfigFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Client config file " + f + " (client-config) cannot be read: ")
                .hasMessageEndingWith(".");
    }

    @Test
    void aPasswordInAFileOthersMayReadIsWarnedAboutButAPrivateFileIsNot() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ClientConfigFile.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Path shared = dir.resolve("shared.properties");
            Files.writeString(shared, "ssl.key.password=hunter2\n");
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
            ClientConfigFile.load(shared);
            assertThat(log.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains(shared.toString()).contains("other users may read it").contains("chmod 600"));

            log.list.clear();
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
            ClientConfigFile.load(shared);
            Path noSecret = dir.resolve("plain.properties");
            Files.writeString(noSecret, "security.protocol=SSL\n");
            Files.setPosixFilePermissions(noSecret, PosixFilePermissions.fromString("rw-r--r--"));
            ClientConfigFile.load(noSecret);
            assertThat(log.list).isEmpty();
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void configProviderReferencesPassThroughAndTheKafkaClientResolvesThem() throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "member=member-from-file\n");
        Path f = dir.resolve("client.properties");
        Files.writeString(f, "config.providers=file,env\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
                + "group.instance.id=${file:" + secrets + ":member}\n"
                + "client.rack=${env:HOME}\n");
        Map<String, String> props = ClientConfigFile.load(f);
        assertThat(props).containsEntry("group.instance.id", "${file:" + secrets + ":member}");

        Map<String, Object> client = new HashMap<>(props);
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        client.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.StringDeserializer");
        client.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.StringDeserializer");
        ConsumerConfig resolved = new ConsumerConfig(client);
        assertThat(resolved.getString(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("member-from-file");
        assertThat(resolved.getString(ConsumerConfig.CLIENT_RACK_CONFIG)).isEqualTo(System.getenv("HOME"));
    }

    @Test
    void malformedEscapesAreOneSentence() throws Exception {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "a=\\uZZZZ\n");
        assertThatThrownBy(() -> ClientConfigFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Client config file " + f + " (client-config) is not a valid .properties file: ");
    }
}

package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.SharedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --client-config FILE} against the shared embedded broker: the file reaches the Kafka
 * clients, a {@code ${file:...}} reference in it is resolved by the client (the secret stays in its
 * own file), and {@code kafka.*} settings win over the file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientConfigIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--bootstrap", SharedBroker.bootstrapServers(), "--timeout", "20",
            "--data-dir", dir.toString()}, 0, all, args.length, 6);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    private Path clientConfig(String protocol) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "protocol=PLAINTEXT\n");
        Path f = dir.resolve("client.properties");
        Files.writeString(f, "config.providers=file\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "security.protocol=" + protocol + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void aFileReferenceInTheClientConfigIsResolvedByTheClient() throws Exception {
        Path f = clientConfig("${file:" + dir.resolve("secrets.properties") + ":protocol}");
        assertThat(run("topics", "list", "--client-config", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("payment");
    }

    @Test
    void theClientConfigReachesTheClientAndKafkaSettingsWinOverIt() throws Exception {
        // An unresolvable reference: proof that the file's value reaches the client at all.
        Path f = clientConfig("${file:" + dir.resolve("secrets.properties") + ":no-such-key}");
        assertThat(run("topics", "list", "--client-config", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("security.protocol").doesNotContain("\tat ");

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("topics", "list", "--client-config", f.toString(), "--set", "kafka.security.protocol=PLAINTEXT"))
                .as(err.toString()).isZero();
    }
}

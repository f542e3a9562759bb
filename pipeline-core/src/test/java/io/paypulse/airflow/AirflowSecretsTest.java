package io.paypulse.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow login and keys that {@code packaging/docker/stack.sh start} writes to {@code .env}
 * (through {@code packaging/docker/airflow-secrets.sh}), run with bash in a temporary directory:
 * created with mode 600 and random values, the password printed on the first run only, and kept
 * (never regenerated) on later runs or when the user wrote them.
 */
class AirflowSecretsTest {

    private static final Path SCRIPT = Python.ROOT.resolve("packaging/docker/airflow-secrets.sh");

    @TempDir
    Path dir;

    private Python.Result ensure(Path envFile) {
        return Python.exec(List.of("bash", SCRIPT.toString(), envFile.toString()), Map.of("AIRFLOW_PORT", "8070"), dir);
    }

    private static Properties read(Path envFile) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(envFile)));
        return p;
    }

    @Test
    void firstRunCreatesOwnerOnlyEnvWithRandomValuesAndPrintsThePasswordOnce() throws Exception {
        Path env = dir.resolve(".env");

        Python.Result first = ensure(env);

        assertThat(first.code()).as(first.output()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        Properties values = read(env);
        String password = values.getProperty("AIRFLOW_ADMIN_PASSWORD");
        assertThat(values.getProperty("AIRFLOW_ADMIN_USER")).isNotBlank().isNotEqualTo("admin");
        assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("admin");
        assertThat(Base64.getUrlDecoder().decode(values.getProperty("AIRFLOW_FERNET_KEY"))).hasSize(32);
        assertThat(values.getProperty("AIRFLOW_SECRET_KEY")).matches("[0-9a-f]{64}");
        // Goes into the database URL unquoted: URL-safe characters only.
        assertThat(values.getProperty("AIRFLOW_POSTGRES_PASSWORD")).matches("[A-Za-z0-9_-]{24}");
        assertThat(first.output()).contains("Airflow: http://localhost:8070 user " + values.getProperty("AIRFLOW_ADMIN_USER")
                + " password " + password);

        Python.Result second = ensure(env);

        assertThat(second.code()).as(second.output()).isZero();
        assertThat(read(env)).isEqualTo(values);
        assertThat(second.output()).doesNotContain(password).contains(env.toString());
    }

    @Test
    void twoFreshFilesGetDifferentSecrets() throws Exception {
        ensure(dir.resolve("a.env"));
        ensure(dir.resolve("b.env"));
        Properties a = read(dir.resolve("a.env"));
        Properties b = read(dir.resolve("b.env"));
        for (String key : List.of("AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_SECRET_KEY",
                "AIRFLOW_POSTGRES_PASSWORD")) {
            assertThat(a.getProperty(key)).as(key).isNotEqualTo(b.getProperty(key));
        }
    }

    @Test
    void valuesTheUserWroteAreKeptAndOnlyMissingKeysAddedAndTheFileIsMadeOwnerOnly() throws Exception {
        Path env = dir.resolve(".env");
        // No final newline: the added keys must not be glued to the last line.
        Files.writeString(env, "KAFKA_HEAP_OPTS=-Xmx1g\nAIRFLOW_ADMIN_USER=ops\nAIRFLOW_ADMIN_PASSWORD=chosen-by-ops");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));

        Python.Result result = ensure(env);

        assertThat(result.code()).as(result.output()).isZero();
        Properties values = read(env);
        assertThat(values.getProperty("KAFKA_HEAP_OPTS")).isEqualTo("-Xmx1g");
        assertThat(values.getProperty("AIRFLOW_ADMIN_USER")).isEqualTo("ops");
        assertThat(values.getProperty("AIRFLOW_ADMIN_PASSWORD")).isEqualTo("chosen-by-ops");
        assertThat(values.getProperty("AIRFLOW_FERNET_KEY")).isNotBlank();
        assertThat(values.getProperty("AIRFLOW_SECRET_KEY")).isNotBlank();
        assertThat(values.getProperty("AIRFLOW_POSTGRES_PASSWORD")).isNotBlank();
        assertThat(result.output()).doesNotContain("chosen-by-ops");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    }
}

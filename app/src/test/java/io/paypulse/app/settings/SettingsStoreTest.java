package io.paypulse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.app.connection.ClientProperties;
import io.paypulse.app.connection.ConnectionProfile;
import io.paypulse.app.session.ConnectionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    private static final ConnectionProfile STAGING = new ConnectionProfile("Staging", ConnectionMode.CUSTOM,
            "k:9092", "/etc/kafka/staging.properties", "client.id=paypulse");

    @Test
    void savedSettingsComeBack() {
        SettingsStore store = new SettingsStore(dir.resolve("sub/app.json"));
        AppSettings s = AppSettings.defaults().withWindow(10, 20, 1100, 700, false).withTheme("dark")
                .withProfiles(List.of(ConnectionProfile.of(ConnectionMode.EMBEDDED), STAGING), "Staging")
                .withRate(500).withRulesFile("/r.yaml");
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
    }

    @Test
    void unknownPositionSurvivesARoundTrip() {
        SettingsStore store = new SettingsStore(dir.resolve("app.json"));
        store.save(AppSettings.defaults());
        assertThat(store.load().x()).isNaN();
    }

    @Test
    void aMissingOrBrokenFileGivesTheDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("app.json"));
        assertThat(store.load()).isEqualTo(AppSettings.defaults());
        Files.writeString(dir.resolve("app.json"), "{not json");
        assertThat(store.load()).isEqualTo(AppSettings.defaults());
    }

    @Test
    void theSettingsFileIsOwnerOnlyInAnOwnerOnlyFolderEvenOverAnOlderReadableOne() throws Exception {
        Path folder = dir.resolve("paypulse");
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = folder.resolve("app.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new SettingsStore(file).save(AppSettings.defaults().withProfiles(List.of(STAGING), "Staging"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (var left = Files.list(folder)) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void aFolderChosenWithDashDashSettingsKeepsItsPermissionsButTheFileIsOwnerOnly() throws Exception {
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = shared.resolve("app.json");

        new SettingsStore(file).save(AppSettings.defaults());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aNewConfigFolderIsCreatedOwnerOnly() throws Exception {
        Path file = dir.resolve("fresh/paypulse/app.json");
        new SettingsStore(file).save(AppSettings.defaults());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    /** app.json from before profiles: one connection, its client properties (a password) in plain text. */
    @Test
    void anOldSingleConnectionBecomesProfilesAndItsSecretsLeaveAppJson() throws Exception {
        Path file = dir.resolve("app.json");
        String props = "security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.plain."
                + "PlainLoginModule required username=\"u\" password=\"s3cr3t\";\n";
        Files.writeString(file, "{\"theme\":\"dark\",\"mode\":\"CUSTOM\",\"bootstrapServers\":\"k1:9092,k2:9092\","
                + "\"clientProperties\":" + SettingsStore.JSON.writeValueAsString(props) + ",\"rate\":250}");

        AppSettings s = new SettingsStore(file).load();

        assertThat(s.profiles()).extracting(ConnectionProfile::name)
                .containsExactly("Embedded", "Docker stack", "Custom cluster");
        assertThat(s.activeProfile()).isEqualTo("Custom cluster");
        ConnectionProfile custom = s.profiles().get(2);
        assertThat(custom.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(custom.inlineProperties()).isEmpty();
        Path moved = Path.of(custom.clientConfigFile());
        assertThat(moved).isEqualTo(dir.resolve("custom-cluster.properties"));
        assertThat(ClientProperties.load(moved)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"u\" password=\"s3cr3t\";");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(moved))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).as("rewritten at once, without the secret").doesNotContain("s3cr3t")
                .doesNotContain("clientProperties").contains("Custom cluster");
        assertThat(s.dark()).isTrue();
        assertThat(s.rate()).isEqualTo(250);
        assertThat(new SettingsStore(file).load()).as("migrated once").isEqualTo(s);
    }

    @Test
    void anOldEmbeddedSettingKeepsEmbeddedActiveAndWritesNoPropertiesFile() throws Exception {
        Path file = dir.resolve("app.json");
        Files.writeString(file, "{\"mode\":\"EMBEDDED\",\"bootstrapServers\":\"localhost:9092\",\"clientProperties\":\"\"}");

        AppSettings s = new SettingsStore(file).load();

        assertThat(s.activeProfile()).isEqualTo("Embedded");
        assertThat(s.profiles().get(2).clientConfigFile()).isEmpty();
        assertThat(dir.resolve("custom-cluster.properties")).doesNotExist();
    }
}

package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.Fixtures;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.app.session.GeneratorControl;
import io.paypulse.app.session.Session;
import io.paypulse.config.PayPulseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles without a stage: the view model over a real ConnectionViewModel (same-thread executors). */
class ProfilesViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;

    @TempDir
    Path dir;

    private final List<String> requested = new ArrayList<>();
    private int closes;

    private final ConnectionViewModel connection = new ConnectionViewModel(
            (request, report) -> new Session() {
                @Override
                public String description() {
                    return "fake";
                }

                @Override
                public LiveData data() {
                    return new LiveData(Clock.systemUTC());
                }

                @Override
                public Optional<GeneratorControl> generator() {
                    return Optional.empty();
                }

                @Override
                public List<AlertRule> rules() {
                    return List.of();
                }

                @Override
                public void close() {
                    closes++;
                }
            },
            (mode, servers, file, inline) -> {
                requested.add(mode.name() + "|" + servers + "|" + file + "|" + inline);
                return new ConnectionRequest(mode, PayPulseConfig.forCluster(servers, Path.of("/tmp/x")), List.of());
            },
            SAME_THREAD, SAME_THREAD, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));

    private static final ConnectionProfile STAGING = new ConnectionProfile("Staging", ConnectionMode.CUSTOM,
            "staging-kafka:9092", "/etc/paypulse/staging.properties", "client.id=paypulse");
    private static final ConnectionProfile LOCAL = ConnectionProfile.of(ConnectionMode.EMBEDDED);

    private ProfilesViewModel vm(String active, ConnectionProfile... saved) {
        return new ProfilesViewModel(connection, List.of(saved), active);
    }

    @Test
    void theLastUsedProfileIsLoadedIntoTheConnection() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);

        assertThat(vm.names()).containsExactly("Embedded", "Staging");
        assertThat(vm.activeProperty().get()).isEqualTo("Staging");
        assertThat(connection.modeProperty().get()).isEqualTo(ConnectionMode.CUSTOM);
        assertThat(connection.bootstrapServersProperty().get()).isEqualTo("staging-kafka:9092");
        assertThat(connection.clientConfigFileProperty().get()).isEqualTo("/etc/paypulse/staging.properties");
        assertThat(connection.clientPropertiesProperty().get()).isEqualTo("client.id=paypulse");
    }

    @Test
    void noSavedProfilesGiveOnePerModeAndAnUnknownActiveNameTheFirst() {
        ProfilesViewModel vm = vm("gone");
        assertThat(vm.names()).containsExactly("Embedded", "Docker stack", "Custom cluster");
        assertThat(vm.activeProperty().get()).isEqualTo("Embedded");
    }

    @Test
    void startConnectsWithTheActiveProfilesSettings() {
        vm("Staging", LOCAL, STAGING);
        connection.start();
        assertThat(requested).containsExactly(
                "CUSTOM|staging-kafka:9092|/etc/paypulse/staging.properties|client.id=paypulse");
    }

    @Test
    void switchingStopsTheRunningConnectionAndLoadsTheOtherProfile() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        connection.start();
        int before = vm.revisionProperty().get();

        vm.select("Embedded");

        assertThat(closes).isEqualTo(1);
        assertThat(connection.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);
        assertThat(connection.modeProperty().get()).isEqualTo(ConnectionMode.EMBEDDED);
        assertThat(connection.clientConfigFileProperty().get()).isEmpty();
        assertThat(vm.activeProperty().get()).isEqualTo("Embedded");
        assertThat(vm.revisionProperty().get()).as("the last used profile is saved").isGreaterThan(before);
        assertThat(vm.profiles()).as("switching edits nothing").containsExactly(LOCAL, STAGING);
    }

    @Test
    void editsGoToTheActiveProfileOnly() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        connection.bootstrapServersProperty().set("staging-2:9092");
        vm.select("Embedded");
        vm.select("Staging");

        assertThat(connection.bootstrapServersProperty().get()).isEqualTo("staging-2:9092");
        assertThat(vm.profiles().get(0)).isEqualTo(LOCAL);
    }

    @Test
    void createAddsACustomClusterProfileAndSwitchesToIt() {
        ProfilesViewModel vm = vm("Embedded", LOCAL);
        assertThat(vm.create("  Production ")).isTrue();

        assertThat(vm.names()).containsExactly("Embedded", "Production");
        assertThat(vm.activeProperty().get()).isEqualTo("Production");
        assertThat(connection.modeProperty().get()).isEqualTo(ConnectionMode.CUSTOM);
        assertThat(connection.bootstrapServersProperty().get()).isEqualTo("localhost:9092");
    }

    @Test
    void aTakenOrBlankNameIsRefusedWithOneSentence() {
        ProfilesViewModel vm = vm("Embedded", LOCAL, STAGING);

        assertThat(vm.create("staging")).isFalse();
        assertThat(vm.problemProperty().get())
                .isEqualTo("A profile named 'Staging' already exists; choose another name.");
        assertThat(vm.rename(" ")).isFalse();
        assertThat(vm.problemProperty().get()).startsWith("Give the profile a name");
        assertThat(vm.names()).containsExactly("Embedded", "Staging");
    }

    @Test
    void renameKeepsTheSettingsAndTheSelection() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        assertThat(vm.rename("Staging EU")).isTrue();

        assertThat(vm.names()).containsExactly("Embedded", "Staging EU");
        assertThat(vm.activeProperty().get()).isEqualTo("Staging EU");
        assertThat(vm.profiles().get(1)).isEqualTo(STAGING.withName("Staging EU"));
        assertThat(vm.rename("staging eu")).as("a change of case is a rename too").isTrue();
    }

    @Test
    void deleteSwitchesToTheNeighbourAndTheLastProfileStays() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        assertThat(vm.delete()).isTrue();
        assertThat(vm.names()).containsExactly("Embedded");
        assertThat(vm.activeProperty().get()).isEqualTo("Embedded");
        assertThat(connection.modeProperty().get()).isEqualTo(ConnectionMode.EMBEDDED);

        assertThat(vm.delete()).isFalse();
        assertThat(vm.problemProperty().get()).startsWith("PayPulse needs at least one profile");
        assertThat(vm.names()).containsExactly("Embedded");
    }

    @Test
    void importKeepsTheFilesPathNotItsSecretsAndTakesItsServers() throws Exception {
        Path file = dir.resolve("ccloud.properties");
        Files.writeString(file, ClientPropertiesTest.SASL_CLIENT);
        ProfilesViewModel vm = vm("Embedded", LOCAL);

        assertThat(vm.importFile(file)).isTrue();

        ConnectionProfile p = vm.profiles().get(0);
        assertThat(p.mode()).isEqualTo(ConnectionMode.CUSTOM);
        assertThat(p.clientConfigFile()).isEqualTo(file.toString());
        assertThat(p.bootstrapServers()).isEqualTo("pkc-abc12.eu-west-1.aws.confluent.cloud:9092");
        assertThat(p.toString()).doesNotContain("s3cr3t");
        assertThat(p.inlineProperties()).isEmpty();
    }

    @Test
    void importingAnUnreadableFileIsOneSentenceAndChangesNothing() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        Path gone = dir.resolve("gone.properties");

        assertThat(vm.importFile(gone)).isFalse();

        assertThat(vm.problemProperty().get()).contains(gone.toString()).contains("does not exist");
        assertThat(vm.profiles()).containsExactly(LOCAL, STAGING);
    }

    @Test
    void aSecretTypedInlineRaisesTheRecommendation() {
        ProfilesViewModel vm = vm("Staging", LOCAL, STAGING);
        assertThat(vm.secretHintProperty().get()).isEmpty();

        connection.clientPropertiesProperty().set("ssl.keystore.password=hunter2");

        assertThat(vm.secretHintProperty().get()).startsWith("ssl.keystore.password holds a secret");
        connection.clientPropertiesProperty().set("ssl.keystore.password=${env:KEYSTORE_PASSWORD}");
        assertThat(vm.secretHintProperty().get()).isEmpty();
    }
}

package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aRestartOnTheSameDataDirectoryIsTheSameInstance() {
        UUID first;
        try (InstanceIdentity id = InstanceIdentity.acquire(dir.resolve("streams"), "app")) {
            first = id.id();
        }
        try (InstanceIdentity id = InstanceIdentity.acquire(dir.resolve("streams"), "app")) {
            assertThat(id.id()).isEqualTo(first);
            assertThat(id.groupInstanceId()).isEqualTo("app-" + first);
        }
    }

    @Test
    void anotherDataDirectoryIsAnotherInstance() {
        try (InstanceIdentity a = InstanceIdentity.acquire(dir.resolve("a/streams"), "app");
                InstanceIdentity b = InstanceIdentity.acquire(dir.resolve("b/streams"), "app")) {
            assertThat(a.id()).isNotEqualTo(b.id());
        }
    }

    @Test
    void twoLiveInstancesCannotShareADataDirectory() {
        try (InstanceIdentity first = InstanceIdentity.acquire(dir.resolve("streams"), "app")) {
            assertThatThrownBy(() -> InstanceIdentity.acquire(dir.resolve("streams"), "app"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Another processor is already running on the data directory " + dir)
                    .hasMessageContaining("--data-dir");
        }
    }

    @Test
    void exactlyOnceProducersGetTheStableIdAndKeepTheirThreadIndex() {
        try (InstanceIdentity id = InstanceIdentity.acquire(dir.resolve("streams"), "app")) {
            Map<String, Object> streamsGave = new HashMap<>();
            streamsGave.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "app-" + UUID.randomUUID() + "-2");
            Map<String, Object> used = new StableTransactionalIds(id).withStableId(streamsGave);
            assertThat(used).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "app-" + id.id() + "-2");

            Map<String, Object> atLeastOnce = Map.of(ProducerConfig.CLIENT_ID_CONFIG, "x");
            assertThat(new StableTransactionalIds(id).withStableId(atLeastOnce)).isEqualTo(atLeastOnce);
        }
    }
}

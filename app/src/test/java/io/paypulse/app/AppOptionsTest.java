package io.paypulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppOptionsTest {

    @Test
    void readsTheLaunchOptions() {
        AppOptions o = AppOptions.parse(List.of("--autostart", "--data-dir", "/d", "--broker-port", "0",
                "--settings", "/s.json", "--set", "generator.seed=7", ""), Map.of());
        assertThat(o.autostart()).isTrue();
        assertThat(o.settingsFile()).isEqualTo(Path.of("/s.json"));
        assertThat(o.overrides()).containsEntry(ConfigKeys.DATA_DIR, "/d").containsEntry(ConfigKeys.BROKER_PORT, "0")
                .containsEntry("generator.seed", "7");
    }

    @Test
    void settingsDefaultToTheXdgConfigDirectory() {
        AppOptions o = AppOptions.parse(List.of(), Map.of("XDG_CONFIG_HOME", "/cfg"));
        assertThat(o.settingsFile()).isEqualTo(Path.of("/cfg/paypulse/app.json"));
        assertThat(o.autostart()).isFalse();
    }

    @Test
    void anUnknownOptionNamesTheKnownOnes() {
        assertThatThrownBy(() -> AppOptions.parse(List.of("--bogus"), Map.of()))
                .hasMessageContaining("--bogus").hasMessageContaining("--autostart");
    }
}

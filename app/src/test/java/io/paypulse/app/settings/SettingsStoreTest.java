package io.paypulse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() {
        SettingsStore store = new SettingsStore(dir.resolve("sub/app.json"));
        AppSettings s = AppSettings.defaults().withWindow(10, 20, 1100, 700, false).withTheme("dark")
                .withConnection("CUSTOM", "k:9092", "a=b").withRate(500).withRulesFile("/r.yaml");
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
}

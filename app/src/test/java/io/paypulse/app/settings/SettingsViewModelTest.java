package io.paypulse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleDoubleProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a user changes in the app are there again at the next start, written off the caller's thread. */
class SettingsViewModelTest {

    @TempDir
    Path dir;

    private final List<Runnable> writes = new ArrayList<>(); // the writer: run by hand

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("app.json"));
    }

    private SettingsViewModel settings() {
        return new SettingsViewModel(store(), writes::add);
    }

    private void write() {
        writes.forEach(Runnable::run);
        writes.clear();
    }

    @Test
    void startsWithWhatTheFileHolds() {
        store().save(AppSettings.defaults().withTheme("dark").withRulesFile("/etc/paypulse/rules.yaml"));
        SettingsViewModel settings = settings();
        assertThat(settings.darkProperty().get()).isTrue();
        assertThat(settings.rulesFile()).isEqualTo("/etc/paypulse/rules.yaml");
    }

    @Test
    void darkThemeIsThereAtTheNextStart() {
        settings().darkProperty().set(true);
        write();
        assertThat(settings().darkProperty().get()).isTrue();
        assertThat(store().load().theme()).isEqualTo("dark");
    }

    @Test
    void chosenRulesFileIsThereAtTheNextStartAndTheShippedRulesClearIt() {
        SettingsViewModel settings = settings();
        settings.chooseRulesFile("/home/ana/rules.yaml");
        write();
        assertThat(settings().rulesFile()).isEqualTo("/home/ana/rules.yaml");

        settings.useShippedRules();
        write();
        assertThat(settings().rulesFile()).isEmpty();
    }

    @Test
    void eachSaveTakesThePartsOtherOwnersHoldAsTheyAreNow() {
        SettingsViewModel settings = settings();
        SimpleDoubleProperty rate = new SimpleDoubleProperty(100);
        settings.collect(s -> s.withRate(rate.get()));
        settings.collect(s -> s.withWindow(40, 50, 1000, 700, false));
        settings.saveWhenChanged(rate);

        rate.set(2500);
        write();
        AppSettings saved = store().load();
        assertThat(saved.rate()).isEqualTo(2500);
        assertThat(List.of(saved.x(), saved.y(), saved.width(), saved.height())).containsExactly(40.0, 50.0, 1000.0, 700.0);
        assertThat(settings.current()).isEqualTo(saved);
    }

    @Test
    void theFileIsWrittenOnTheWriterNotOnTheCallersThread() {
        SettingsViewModel settings = settings();
        settings.darkProperty().set(true);
        assertThat(Files.exists(dir.resolve("app.json"))).isFalse();
        assertThat(writes).hasSize(1);
        write();
        assertThat(Files.exists(dir.resolve("app.json"))).isTrue();
    }
}

package io.paypulse.app.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

/**
 * What the app remembers between runs, as a view model over {@link SettingsStore}: the theme (⚙ ▸ Dark
 * theme), the alert rules file (⚙ ▸ Rules file…) and the window placement. The parts other view models own
 * (connection profiles, generator rate) and the window's bounds are read from their owners at each save,
 * through the functions given to {@link #collect}.
 *
 * <p>Threads: commands, {@link #darkProperty()} and {@link #save()} on the FX thread; {@link #current()}
 * and {@link #rulesFile()} from any thread (a volatile snapshot). The file is written on the injected
 * {@code writer}, never on the caller's thread.
 */
public final class SettingsViewModel {

    private final SettingsStore store;
    private final Executor writer;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final List<UnaryOperator<AppSettings>> parts = new ArrayList<>();
    private volatile AppSettings settings;

    /** Loads the settings now (the caller's thread: the app reads them before its window exists). */
    public SettingsViewModel(SettingsStore store, Executor writer) {
        this.store = store;
        this.writer = writer;
        this.settings = store.load();
        dark.set(settings.dark());
        dark.addListener((o, was, now) -> {
            settings = settings.withTheme(now ? "dark" : "light");
            save();
        });
    }

    /** The settings as last loaded or saved. Any thread. */
    public AppSettings current() {
        return settings;
    }

    /** The dark theme is on. Setting it saves the choice. FX thread. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The chosen alert rules file, empty for the shipped rules. Any thread (read when a session starts). */
    public String rulesFile() {
        return settings.rulesFile();
    }

    /** Uses {@code file} from the next session start on; null or empty: the shipped rules. Saves. FX thread. */
    public void chooseRulesFile(String file) {
        settings = settings.withRulesFile(file == null ? "" : file);
        save();
    }

    /** Back to the rules shipped with PayPulse. Saves. FX thread. */
    public void useShippedRules() {
        chooseRulesFile("");
    }

    /** Adds a part of the settings another owner holds: applied, in order of adding, at each save. */
    public void collect(UnaryOperator<AppSettings> part) {
        parts.add(part);
    }

    /** Saves whenever one of {@code sources} changes (e.g. the profiles' revision, the generator rate). */
    public void saveWhenChanged(ObservableValue<?>... sources) {
        for (ObservableValue<?> source : sources) {
            source.addListener((o, was, now) -> save());
        }
    }

    /** Collects the current choices and writes them on the writer. FX thread. */
    public void save() {
        AppSettings s = settings;
        for (UnaryOperator<AppSettings> part : parts) {
            s = part.apply(s);
        }
        settings = s;
        AppSettings toWrite = s;
        writer.execute(() -> store.save(toWrite));
    }
}

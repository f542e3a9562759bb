package io.paypulse.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link AppSettings} as a small JSON file, by default
 * {@code $XDG_CONFIG_HOME/paypulse/app.json} (else {@code ~/.config/paypulse/app.json}). A missing
 * or unreadable file gives the defaults (and a log line). Writes go through {@link AtomicFiles}:
 * owner-only file (0600) and config folder (0700, {@link PrivateFiles}), atomic replace. A file from before connection profiles is migrated
 * once by {@link LegacySettings}. File work: not on the FX thread.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    static final ObjectMapper JSON = Mappers.jsonFile();

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("paypulse").resolve("app.json");
    }

    public Path file() {
        return file;
    }

    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        AppSettings s;
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
            s = JSON.treeToValue(tree, AppSettings.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the app settings in {}: {}", file, e.toString());
            return AppSettings.defaults();
        }
        if (s == null) {
            return AppSettings.defaults();
        }
        if (LegacySettings.isLegacy(tree)) {
            AppSettings migrated = fillGaps(LegacySettings.migrate(tree, s, file));
            save(migrated); // the old plain-text client properties leave app.json now, not at the next change
            LOG.info("Settings in {} migrated to connection profiles (active: {})", file, migrated.activeProfile());
            return migrated;
        }
        return fillGaps(s);
    }

    public void save(AppSettings settings) {
        try {
            PrivateFiles.ensureFolder(file.toAbsolutePath().getParent(), ownFolder(file));
            AtomicFiles.writeJson(file, settings, FileModes.PRIVATE);
        } catch (IOException e) {
            LOG.warn("Could not save the app settings to {}: {}", file, e.toString());
        }
    }

    /**
     * The app's own config folder ({@code .../paypulse/app.json}): an existing one is made owner-only
     * too. A folder chosen with {@code --settings} elsewhere keeps its permissions (only app.json is private).
     */
    static boolean ownFolder(Path settingsFile) {
        Path parent = settingsFile.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("paypulse");
    }

    /** Fields missing from an older file come back as null or 0: use the defaults for those. */
    private static AppSettings fillGaps(AppSettings s) {
        AppSettings d = AppSettings.defaults();
        boolean noProfiles = s.profiles() == null || s.profiles().isEmpty();
        return new AppSettings(s.x(), s.y(),
                s.width() >= 400 ? s.width() : d.width(),
                s.height() >= 300 ? s.height() : d.height(),
                s.maximized(),
                s.theme() != null ? s.theme() : d.theme(),
                noProfiles ? d.profiles() : s.profiles().stream().filter(p -> p != null).toList(),
                noProfiles || s.activeProfile() == null ? d.activeProfile() : s.activeProfile(),
                s.rate() >= 0 ? s.rate() : d.rate(),
                s.rulesFile() != null ? s.rulesFile() : d.rulesFile());
    }
}

package io.paypulse.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link AppSettings} as a small JSON file, by default
 * {@code $XDG_CONFIG_HOME/paypulse/app.json} (else {@code ~/.config/paypulse/app.json}). A missing
 * or unreadable file gives the defaults (and a log line); writes go to a temporary file that is
 * then moved over the old one, so a crash never leaves half a file. File work: not on the FX thread.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

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
        try {
            AppSettings s = JSON.readValue(file.toFile(), AppSettings.class);
            return fillGaps(s);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the app settings in {}: {}", file, e.toString());
            return AppSettings.defaults();
        }
    }

    public void save(AppSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save the app settings to {}: {}", file, e.toString());
        }
    }

    /** Fields missing from an older file come back as null or 0: use the defaults for those. */
    private static AppSettings fillGaps(AppSettings s) {
        AppSettings d = AppSettings.defaults();
        return new AppSettings(s.x(), s.y(),
                s.width() >= 400 ? s.width() : d.width(),
                s.height() >= 300 ? s.height() : d.height(),
                s.maximized(),
                s.theme() != null ? s.theme() : d.theme(),
                s.mode() != null ? s.mode() : d.mode(),
                s.bootstrapServers() != null ? s.bootstrapServers() : d.bootstrapServers(),
                s.clientProperties() != null ? s.clientProperties() : d.clientProperties(),
                s.rate() >= 0 ? s.rate() : d.rate(),
                s.rulesFile() != null ? s.rulesFile() : d.rulesFile());
    }
}

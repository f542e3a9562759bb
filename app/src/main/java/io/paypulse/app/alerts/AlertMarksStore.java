package io.paypulse.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AlertMarks} as a small JSON file beside the app settings ({@code alert-marks.json}). A
 * missing or unreadable file means no marks (and a log line); writes replace the file atomically
 * ({@link AtomicFiles}, owner-only like the settings beside it).
 * File work: not on the FX thread.
 */
public final class AlertMarksStore {

    private static final Logger LOG = LoggerFactory.getLogger(AlertMarksStore.class);
    private static final ObjectMapper JSON = Mappers.jsonFile();

    private final Path file;

    public AlertMarksStore(Path file) {
        this.file = file;
    }

    /** The marks file kept next to the settings file. */
    public static AlertMarksStore besideSettings(Path settingsFile) {
        return new AlertMarksStore(settingsFile.resolveSibling("alert-marks.json"));
    }

    public AlertMarks load() {
        if (!Files.isRegularFile(file)) {
            return AlertMarks.none();
        }
        try {
            return JSON.readValue(file.toFile(), AlertMarks.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the alert acknowledgements in {}: {}", file, e.toString());
            return AlertMarks.none();
        }
    }

    public void save(AlertMarks marks) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeJson(file, marks, FileModes.PRIVATE);
        } catch (IOException e) {
            LOG.warn("Could not save the alert acknowledgements to {}: {}", file, e.toString());
        }
    }
}

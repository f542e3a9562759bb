package io.paypulse.sink;

import com.fasterxml.jackson.core.JacksonException;
import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint file of one sink, {@code .paypulse-sink-<name>.checkpoint} in the output directory, as
 * JSON. Saving is {@link AtomicFiles#writeDurable} (temporary file fsynced, renamed over the old one, folder
 * fsynced), so the file is always either the previous or the new checkpoint, even after a power loss; a
 * temporary file left by a crash is ignored.
 */
final class CheckpointStore {

    private final Path file;
    private final Path temp;
    private final FileModes modes;

    CheckpointStore(Path dir, String sinkName) {
        this(dir, sinkName, FileModes.PRIVATE);
    }

    CheckpointStore(Path dir, String sinkName, FileModes modes) {
        this.modes = modes;
        this.file = dir.resolve(".paypulse-sink-" + sinkName + ".checkpoint");
        this.temp = AtomicFiles.temporaryOf(file);
    }

    Path path() {
        return file;
    }

    /**
     * The last saved checkpoint, or empty if none was ever saved. A temporary file is never read (nor
     * removed: it may belong to a save in progress; the next save overwrites it).
     */
    Optional<Checkpoint> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Checkpoint cp;
        try {
            cp = Mappers.json().readValue(bytes, Checkpoint.class);
        } catch (JacksonException e) {
            throw new IOException("Checkpoint " + file + " is unreadable (" + e.getOriginalMessage()
                    + "); delete it to rebuild the CSV files from the topic.", e);
        }
        validate(cp);
        return Optional.of(cp);
    }

    void save(Checkpoint cp) throws IOException {
        AtomicFiles.writeDurable(file, Mappers.json().writeValueAsBytes(cp), modes);
    }

    /** Removes a temporary file left by a crashed save, so it holds no disk space while the disk is full. */
    void discardTemp() throws IOException {
        Files.deleteIfExists(temp);
    }

    private void validate(Checkpoint cp) throws IOException {
        if (cp.version() != Checkpoint.VERSION) {
            throw new IOException("Checkpoint " + file + " has version " + cp.version() + ", this PayPulse reads version "
                    + Checkpoint.VERSION + ".");
        }
        for (Map.Entry<Integer, Long> e : cp.offsets().entrySet()) {
            if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null || e.getValue() < 0) {
                throw new IOException("Checkpoint " + file + " has an invalid offset entry " + e + ".");
            }
        }
        for (Map.Entry<String, Long> e : cp.files().entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")
                    || name.startsWith(".") || e.getValue() == null || e.getValue() < 0) {
                throw new IOException("Checkpoint " + file + " has an invalid file entry " + e + ".");
            }
        }
    }
}

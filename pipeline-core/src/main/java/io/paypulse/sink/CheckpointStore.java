package io.paypulse.sink;

import com.fasterxml.jackson.core.JacksonException;
import io.paypulse.event.serde.Json;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint file of one sink, {@code .paypulse-sink-<name>.checkpoint} in the output directory, as
 * JSON. Saving writes a temporary file, fsyncs it and renames it over the old one, so the file is always
 * either the previous or the new checkpoint; a temporary file left by a crash is ignored.
 */
final class CheckpointStore {

    private final Path dir;
    private final Path file;
    private final Path temp;
    private final FileModes modes;

    CheckpointStore(Path dir, String sinkName) {
        this(dir, sinkName, FileModes.PRIVATE);
    }

    CheckpointStore(Path dir, String sinkName, FileModes modes) {
        this.modes = modes;
        this.dir = dir;
        this.file = dir.resolve(".paypulse-sink-" + sinkName + ".checkpoint");
        this.temp = dir.resolve(".paypulse-sink-" + sinkName + ".checkpoint.tmp");
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
            cp = Json.MAPPER.readValue(bytes, Checkpoint.class);
        } catch (JacksonException e) {
            throw new IOException("Checkpoint " + file + " is unreadable (" + e.getOriginalMessage()
                    + "); delete it to rebuild the CSV files from the topic.", e);
        }
        validate(cp);
        return Optional.of(cp);
    }

    void save(Checkpoint cp) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(cp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Channels.newOutputStream(ch).write(bytes);
            ch.force(true);
        }
        modes.applyFile(temp); // explicitly: a temporary file left by an older version may have another mode
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dir);
    }

    /** Removes a temporary file left by a failed save, so it holds no disk space while the disk is full. */
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

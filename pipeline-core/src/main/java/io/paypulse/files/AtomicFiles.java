package io.paypulse.files;

import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a small file all at once: the bytes go to a temporary file in the same folder, created with
 * the given modes before any byte is written, which is then moved over the old one atomically. Neither a
 * crash nor a reader ever sees half a file, nor a copy readable by more people than the modes allow.
 * The folder must exist.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code value} as indented JSON ({@link Mappers#jsonFile()}). */
    public static void writeJson(Path file, Object value, FileModes modes) throws IOException {
        write(file, Mappers.jsonFile().writeValueAsBytes(value), modes);
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static void write(Path file, byte[] bytes, FileModes modes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", modes.fileAttributes());
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

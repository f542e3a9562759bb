package io.paypulse.files;

import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file all at once: the bytes go to a temporary file in the same folder, created with
 * the given modes before any byte is written, which is then moved over the old one atomically. Neither a
 * crash nor a reader ever sees half a file, nor a copy readable by more people than the modes allow.
 * The folder must exist.
 *
 * <p>{@link #write} survives a crash of the process; {@link #writeDurable} also survives a power loss.
 */
public final class AtomicFiles {

    /** How {@link #writeDurable} flushes to the disk; a seam so a test can see the order of the steps. */
    interface Syncs {
        Syncs DISK = new Syncs() {
            @Override
            public void file(FileChannel ch) throws IOException {
                ch.force(true);
            }

            @Override
            public void directory(Path dir) throws IOException {
                Fsync.directory(dir);
            }
        };

        void file(FileChannel ch) throws IOException;

        void directory(Path dir) throws IOException;
    }

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

    /**
     * Replaces {@code file} with {@code bytes} so that after a crash or a power loss it holds either the old
     * or the new bytes: the temporary file is fsynced before the move and the folder after it. For a file
     * with one writer (e.g. a sink's checkpoint): the temporary file has the fixed name
     * {@link #temporaryOf}, so a crash leaves at most that one, which the next write replaces. The move
     * must be atomic (no fallback: a copy could be torn).
     *
     * @throws IOException when a step fails; {@code file} is then unchanged unless the move itself was done,
     *                     and the temporary file is removed
     */
    public static void writeDurable(Path file, byte[] bytes, FileModes modes) throws IOException {
        writeDurable(file, bytes, modes, Syncs.DISK);
    }

    static void writeDurable(Path file, byte[] bytes, FileModes modes, Syncs syncs) throws IOException {
        Path tmp = temporaryOf(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                // explicitly, before the first byte: a temporary file left by a crash keeps its old mode
                modes.applyFile(tmp);
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                syncs.file(ch);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp); // a half-written temporary file must not hold space on a full disk
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        syncs.directory(file.toAbsolutePath().getParent());
    }

    /** The temporary file {@link #writeDurable} writes before moving it over {@code file}. */
    public static Path temporaryOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }
}

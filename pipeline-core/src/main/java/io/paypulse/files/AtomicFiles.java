package io.paypulse.files;

import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Replaces a small file all at once: the bytes go to a temporary file in the same folder, given the modes
 * before any byte is written, which is then moved over the old one atomically. Neither a crash nor a reader
 * ever sees half a file, nor a copy readable by more people than the modes allow. The folder must exist.
 *
 * <p>The temporary file has one fixed name per target ({@link #temporaryOf}), so a crash (kill -9) in the
 * middle of a write leaves at most that one file, which the next write of the same target replaces; the
 * next write also removes the randomly named ones older versions left. Writes of one target in this JVM
 * take turns, as they share that temporary file.
 *
 * <p>{@link #write} survives a crash of the process; {@link #writeDurable} also survives a power loss.
 */
public final class AtomicFiles {

    private static final String TMP = ".tmp";
    private static final Object[] LOCKS = new Object[32];

    static {
        Arrays.setAll(LOCKS, i -> new Object());
    }

    /** How {@link #writeDurable} flushes to the disk; a seam so a test can see the order of the steps. */
    interface Syncs {
        Syncs NONE = new Syncs() {
            @Override
            public void file(FileChannel ch) {
            }

            @Override
            public void directory(Path dir) {
            }
        };

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
        synchronized (lockOf(file)) {
            removeOlderTemporaryFiles(file);
            replace(file, bytes, modes, Syncs.NONE, true);
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
        synchronized (lockOf(file)) {
            replace(file, bytes, modes, syncs, false);
        }
    }

    private static void replace(Path file, byte[] bytes, FileModes modes, Syncs syncs, boolean mayCopy)
            throws IOException {
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
            move(tmp, file, mayCopy);
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

    private static void move(Path tmp, Path file, boolean mayCopy) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            if (!mayCopy) {
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Removes what a crash of a version before the fixed temporary name left: {@code <name><digits>.tmp}
     * ({@link Files#createTempFile} names), which nothing else would ever remove.
     */
    private static void removeOlderTemporaryFiles(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(name) && n.endsWith(TMP)
                    && isDigits(n.substring(name.length(), n.length() - TMP.length()));
        })) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** One lock per target (striped, so the set stays bounded): writers of one file share its temporary file. */
    private static Object lockOf(Path file) {
        return LOCKS[Math.floorMod(file.toAbsolutePath().normalize().hashCode(), LOCKS.length)];
    }

    /** The temporary file {@link #write} and {@link #writeDurable} write before moving it over {@code file}. */
    public static Path temporaryOf(Path file) {
        return file.resolveSibling(file.getFileName() + TMP);
    }
}

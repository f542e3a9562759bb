package io.paypulse.app.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that may hold a secret (settings, connection profiles, client properties): only
 * the owner can read them. On POSIX file systems a folder it creates is {@code rwx------} and each file is
 * created {@code rw-------} (as a temporary file, before any byte is written) and then moved over
 * the old one atomically, so neither a crash nor a reader ever sees half a file or a readable copy.
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} (and parents) if needed, owner-only. An existing folder is tightened only
     * when {@code tightenExisting}: the app's own config folder, never a folder a user pointed
     * {@code --settings} into (that could be {@code /tmp} or a shared folder).
     */
    public static void ensureFolder(Path dir, boolean tightenExisting) throws IOException {
        if (posix(dir)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
                Files.setPosixFilePermissions(dir, FOLDER); // createDirectories' attribute is subject to umask
            } else if (tightenExisting) {
                Files.setPosixFilePermissions(dir, FOLDER);
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Replaces {@code file} with {@code text} (UTF-8), owner-only from the first byte.
     *
     * @param tightenFolder also make an existing parent folder owner-only (see {@link #ensureFolder})
     */
    public static void write(Path file, String text, boolean tightenFolder) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ensureFolder(dir, tightenFolder);
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attrs);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

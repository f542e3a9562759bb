package io.paypulse.app.settings;

import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that may hold a secret (settings, connection profiles, client properties): only
 * the owner can read them. On POSIX file systems a folder it creates is {@code rwx------} and each file is
 * written by {@link AtomicFiles} with {@link FileModes#PRIVATE} ({@code rw-------} from the first byte,
 * atomic replace), so neither a crash nor a reader ever sees half a file or a readable copy.
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
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE);
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

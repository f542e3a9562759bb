package io.paypulse.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may read what PayPulse writes. CSV files hold user ids and IP addresses, so by default files are
 * {@code 0600} and the folders PayPulse creates {@code 0700}: only the owner gets in. A wider mode (e.g.
 * {@code 640} to share with a group) gives folders an execute bit wherever the file mode can read, as git's
 * {@code core.sharedRepository} does. Modes apply to what PayPulse creates; existing files and folders keep
 * theirs. On file systems without POSIX permissions (Windows) nothing is set.
 */
public record FileModes(Set<PosixFilePermission> file, Set<PosixFilePermission> dir) {

    /** Owner only: files 0600, folders 0700. */
    public static final FileModes PRIVATE = ofFileMode("600");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    public FileModes {
        file = Set.copyOf(file);
        dir = Set.copyOf(dir);
    }

    /**
     * @param octal a file mode such as {@code 600}, {@code 640} or {@code 0644}: read/write bits only
     * @throws IllegalArgumentException if it is not 3 or 4 octal digits, grants execute, or leaves the owner
     *                                  unable to read and write
     */
    public static FileModes ofFileMode(String octal) {
        String s = octal == null ? "" : octal.trim();
        if (s.length() == 4 && s.charAt(0) == '0') {
            s = s.substring(1);
        }
        if (!s.matches("[0-7]{3}")) {
            throw new IllegalArgumentException("'" + octal + "' is not an octal file mode like 600 or 640");
        }
        int mode = Integer.parseInt(s, 8);
        if ((mode & 0111) != 0) {
            throw new IllegalArgumentException("file mode " + s + " grants execute; use read/write bits only, e.g. 600 or 640");
        }
        if ((mode & 0600) != 0600) {
            throw new IllegalArgumentException("file mode " + s + " must let the owner read and write (6 as the first digit)");
        }
        int dirMode = mode | ((mode & 0444) >> 2);
        return new FileModes(permissions(mode), permissions(dirMode));
    }

    /** The file mode as three octal digits, e.g. {@code 600}. */
    public String fileOctal() {
        return octal(file);
    }

    /** The folder mode as three octal digits, e.g. {@code 700}. */
    public String dirOctal() {
        return octal(dir);
    }

    /** For {@code Files.newByteChannel/FileChannel.open}: the mode a new file gets (none where not POSIX). */
    public FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(file)} : new FileAttribute<?>[0];
    }

    /**
     * Creates {@code dir} and any missing parents with the folder mode (set explicitly, so the umask cannot
     * widen or narrow it); folders that exist keep their mode.
     */
    public Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return dir;
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.exists(parent)) {
            createDirectories(parent);
        }
        Files.createDirectory(abs);
        applyDir(abs);
        return dir;
    }

    /** Sets the file mode on a file PayPulse has just created (where a creation attribute was not possible). */
    public void applyFile(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, file);
        }
    }

    void applyDir(Path path) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, dir);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    private static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%03o", mode);
    }
}

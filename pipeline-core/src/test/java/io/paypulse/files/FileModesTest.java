package io.paypulse.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileModesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"600,600,700", "0600,600,700", "640,640,750", "644,644,755", "660,660,770"})
    void foldersGetExecuteWhereFilesAreReadable(String given, String file, String folder) {
        FileModes m = FileModes.ofFileMode(given);
        assertThat(m.fileOctal()).isEqualTo(file);
        assertThat(m.dirOctal()).isEqualTo(folder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"700", "644x", "", "400", "8600", "0755", "rw-------"})
    void refusesModesThatAreNotReadWriteForTheOwnerOrGrantExecute(String bad) {
        assertThatThrownBy(() -> FileModes.ofFileMode(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsMissingFoldersPrivateAndLeavesExistingOnesAlone() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deep = dir.resolve("a/b");
        FileModes.PRIVATE.createDirectories(deep);
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void recognisesAFullDiskThroughWrappers() {
        IOException enospc = new IOException("No space left on device");
        assertThat(DiskErrors.isDiskFull(new UncheckedIOException("write failed", enospc))).isTrue();
        assertThat(DiskErrors.isDiskFull(new IOException("Disk quota exceeded"))).isTrue();
        assertThat(DiskErrors.isDiskFull(new IOException("Permission denied"))).isFalse();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}

package io.paypulse.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheFileWithIndentedJsonAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("marks.json");
        Files.writeString(file, "old");

        AtomicFiles.writeJson(file, Map.of("at", Instant.parse("2026-12-03T10:15:30Z")), FileModes.PRIVATE);

        assertThat(Files.readString(file)).isEqualTo("{\n  \"at\" : \"2026-12-03T10:15:30Z\"\n}");
        assertNoTemporaryFileBeside(file);
    }

    @Test
    void aNewFileIsOwnerOnlyUnderThePrivateModes() throws IOException {
        Path file = dir.resolve("settings.json");

        AtomicFiles.write(file, "{}".getBytes(), FileModes.PRIVATE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aValueThatCannotBeWrittenLeavesTheOldFileAsItWas() throws IOException {
        Path file = dir.resolve("marks.json");
        Files.writeString(file, "{\"kept\":true}");

        assertThatThrownBy(() -> AtomicFiles.writeJson(file, new Object(), FileModes.PRIVATE))
                .isInstanceOf(IOException.class);

        assertThat(Files.readString(file)).isEqualTo("{\"kept\":true}");
        assertNoTemporaryFileBeside(file);
    }

    @Test
    void aDurableWriteSyncsTheFullTemporaryFileBeforeTheMoveAndTheFolderAfterIt() throws IOException {
        Path file = dir.resolve(".paypulse-sink-parsed.checkpoint");
        Files.writeString(file, "old");
        List<String> seen = new ArrayList<>();
        AtomicFiles.Syncs recording = new AtomicFiles.Syncs() {
            @Override
            public void file(FileChannel ch) throws IOException {
                // what a power loss right after this fsync would leave: the old file and the whole new one aside
                seen.add("file " + ch.size() + " bytes, target " + Files.readString(file));
                ch.force(true);
            }

            @Override
            public void directory(Path d) throws IOException {
                seen.add("directory " + d.getFileName() + ", target " + Files.readString(file));
                Fsync.directory(d);
            }
        };

        AtomicFiles.writeDurable(file, "new bytes".getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE, recording);

        assertThat(seen).containsExactly("file 9 bytes, target old", "directory " + dir.getFileName() + ", target new bytes");
        assertNoTemporaryFileBeside(file);
    }

    @Test
    void aDurableWriteReplacesATemporaryFileLeftByACrashAndGivesTheNewFileExactlyTheModes() throws IOException {
        Path file = dir.resolve("checkpoint");
        Path leftover = AtomicFiles.temporaryOf(file);
        Files.writeString(leftover, "a much longer half-written document from before the crash");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-rw-rw-"));

        AtomicFiles.writeDurable(file, "{}".getBytes(StandardCharsets.UTF_8), FileModes.ofFileMode("640"));

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aFailedDurableWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("checkpoint");
        Files.writeString(file, "old");
        AtomicFiles.Syncs failing = new AtomicFiles.Syncs() {
            @Override
            public void file(FileChannel ch) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void directory(Path d) {
                throw new AssertionError("no move, so no folder sync");
            }
        };

        assertThatThrownBy(() -> AtomicFiles.writeDurable(file, "new".getBytes(StandardCharsets.UTF_8),
                FileModes.PRIVATE, failing)).hasMessage("No space left on device");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertNoTemporaryFileBeside(file);
    }

    private void assertNoTemporaryFileBeside(Path file) throws IOException {
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}

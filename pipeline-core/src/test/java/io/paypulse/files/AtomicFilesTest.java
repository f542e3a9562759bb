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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void aWriteRemovesTheTemporaryFilesACrashLeftBesideItsTarget() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\":\"dark\"}");
        // what kill -9 in the middle of a write leaves: today's fixed name, and the random name older versions used
        Path fixed = AtomicFiles.temporaryOf(file);
        Path older = dir.resolve("settings.json8127364558123.tmp");
        for (Path half : List.of(fixed, older)) {
            Files.writeString(half, "{\"theme\":\"li");
            Files.setPosixFilePermissions(half, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        Path otherTargets = Files.writeString(dir.resolve("marks.json.tmp"), "another file's business");

        AtomicFiles.write(file, "{\"theme\":\"light\"}".getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE);

        assertThat(Files.readString(file)).isEqualTo("{\"theme\":\"light\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(fixed).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(otherTargets).hasContent("another file's business");
    }

    @Test
    void writersOfOneFileOnSeveralThreadsNeverShareAHalfWrittenTemporaryFile() throws Exception {
        Path file = dir.resolve("settings.json");
        byte[] a = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        byte[] b = "b".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] bytes : List.of(a, b)) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        AtomicFiles.write(file, bytes, FileModes.PRIVATE);
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(Files.readAllBytes(file)).satisfiesAnyOf(
                bytes -> assertThat(bytes).isEqualTo(a), bytes -> assertThat(bytes).isEqualTo(b));
        assertNoTemporaryFileBeside(file);
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

package io.paypulse.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
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
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
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
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}

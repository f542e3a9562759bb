package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aRewrittenMarkerReadsBackAsTheLastOneWrittenAndLeavesNoTemporaryFile() throws IOException {
        Path dataDir = dir.resolve("data");
        new RunMarker(7, 1_000, "steady", Map.of(0, 5L)).write(dataDir);
        RunMarker last = new RunMarker(42, 1_000_000, "spike-ä", Map.of(0, 12L, 3, 9_876_543_210L));

        last.write(dataDir);

        assertThat(RunMarker.read(dataDir)).contains(last);
        try (var listing = Files.list(dataDir)) {
            assertThat(listing).containsExactly(dataDir.resolve(RunMarker.FILE));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(RunMarker.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void afterDeleteNoRunIsInProgress() {
        new RunMarker(1, 10, "steady", Map.of()).write(dir);

        RunMarker.delete(dir);

        assertThat(RunMarker.read(dir)).isEmpty();
    }
}

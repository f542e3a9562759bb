package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    private static final Pattern NAMES = FileNames.hourlyPattern("enriched_data_");
    private static final List<String> HEADER = List.of("n", "text");

    @TempDir
    Path dir;

    /** Writes rows with the real writer, checkpoints, then keeps writing as a crashed sink would have. */
    @Test
    void rowsAfterTheCheckpointAndTornTailsAreCutOffExactly() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        Path a = dir.resolve("enriched_data_2024-05-01_10.csv");
        Path b = dir.resolve("enriched_data_2024-05-01_11.csv");
        byte[] aCommitted;
        byte[] bCommitted;
        try (OutputFiles files = new OutputFiles(dir, HEADER, Map.of(), 4)) {
            files.append(a.getFileName().toString(), List.of("1", "one, with comma"));
            files.append(b.getFileName().toString(), List.of("2", "two\nlines"));
            SortedMap<String, Long> lengths = files.sync();
            store.save(Checkpoint.of("parsed", "payment-parsed", Map.of(0, 2L), lengths));
            aCommitted = Files.readAllBytes(a);
            bCommitted = Files.readAllBytes(b);
            // after the checkpoint: whole rows, then the crash leaves half a row behind
            files.append(a.getFileName().toString(), List.of("3", "three"));
            files.append(b.getFileName().toString(), List.of("4", "four"));
            files.sync();
        }
        Files.write(a, "5,\"half a quo".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Path createdLater = dir.resolve("enriched_data_2024-05-01_12.csv");
        Files.writeString(createdLater, "n,text\r\n6,six\r\n");
        Path notOurs = dir.resolve("aggregated_data_2024-05-01.csv");
        Files.writeString(notOurs, "keep me");
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "keep me too");

        Checkpoint cp = store.load().orElseThrow();
        Checkpoint restored = Recovery.restore(dir, NAMES, cp);

        assertThat(restored).isEqualTo(cp);
        assertThat(Files.readAllBytes(a)).isEqualTo(aCommitted);
        assertThat(Files.readAllBytes(b)).isEqualTo(bCommitted);
        assertThat(createdLater).doesNotExist();
        assertThat(notOurs).hasContent("keep me");
        assertThat(notes).hasContent("keep me too");
        assertThat(StrictCsv.read(a)).containsExactly(HEADER, List.of("1", "one, with comma"));
        assertThat(StrictCsv.read(b)).containsExactly(HEADER, List.of("2", "two\nlines"));

        // and writing resumes right after the checkpointed rows
        try (OutputFiles files = new OutputFiles(dir, HEADER, restored.files(), 4)) {
            files.append(a.getFileName().toString(), List.of("3", "three"));
            files.sync();
        }
        assertThat(StrictCsv.read(a)).containsExactly(HEADER, List.of("1", "one, with comma"), List.of("3", "three"));
    }

    @Test
    void filesAtTheirRecordedLengthAreUntouched() throws IOException {
        Path a = dir.resolve("enriched_data_2024-05-01_10.csv");
        Files.writeString(a, "n,text\r\n1,x\r\n");
        Checkpoint cp = Checkpoint.of("parsed", "t", Map.of(), Map.of(a.getFileName().toString(), Files.size(a)));
        assertThat(Recovery.restore(dir, NAMES, cp)).isEqualTo(cp);
        assertThat(a).hasContent("n,text\r\n1,x\r\n");
    }

    @Test
    void aListedFileThatWasRemovedIsForgotten() throws IOException {
        Checkpoint cp = Checkpoint.of("parsed", "t", Map.of(0, 5L), Map.of("enriched_data_2024-05-01_10.csv", 40L));
        Checkpoint restored = Recovery.restore(dir, NAMES, cp);
        assertThat(restored.files()).isEmpty();
        assertThat(restored.offsets()).isEqualTo(cp.offsets());
    }

    @Test
    void aListedFileShorterThanRecordedIsAnError() throws IOException {
        Path a = dir.resolve("enriched_data_2024-05-01_10.csv");
        Files.writeString(a, "n,text\r\n");
        Checkpoint cp = Checkpoint.of("parsed", "t", Map.of(), Map.of(a.getFileName().toString(), 100L));
        assertThatThrownBy(() -> Recovery.restore(dir, NAMES, cp)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed outside PayPulse");
    }

    @Test
    void withoutACheckpointExistingFilesAreSetAside() throws IOException {
        Path a = dir.resolve("enriched_data_2024-05-01_10.csv");
        Files.writeString(a, "old");
        Path other = dir.resolve("alerts_2024-05-01.csv");
        Files.writeString(other, "other sink");
        Optional<Path> aside = Recovery.setAside(dir, NAMES, "parsed", Instant.parse("2024-05-02T08:00:00Z"));
        assertThat(aside).contains(dir.resolve("replaced-parsed-20240502T080000Z"));
        assertThat(a).doesNotExist();
        assertThat(aside.get().resolve(a.getFileName())).hasContent("old");
        assertThat(other).hasContent("other sink");
        assertThat(Recovery.setAside(dir, NAMES, "parsed", Instant.now())).isEmpty();
    }
}

package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    private final Checkpoint sample = Checkpoint.of("parsed", "payment-parsed", Map.of(0, 17L, 1, 0L, 5, 123456789012L),
            Map.of("enriched_data_2024-05-01_10.csv", 4096L, "enriched_data_2024-05-01_11.csv", 120L));

    @Test
    void nothingSavedIsEmpty() throws IOException {
        assertThat(new CheckpointStore(dir, "parsed").load()).isEmpty();
    }

    @Test
    void roundTrip() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        store.save(sample);
        assertThat(store.path().getFileName().toString()).isEqualTo(".paypulse-sink-parsed.checkpoint");
        assertThat(new CheckpointStore(dir, "parsed").load()).contains(sample);
        String json = Files.readString(store.path());
        assertThat(json).contains("\"offsets\":{\"0\":17,\"1\":0,\"5\":123456789012}")
                .contains("\"enriched_data_2024-05-01_10.csv\":4096");
    }

    @Test
    void saveReplacesAndLeavesNoTemporaryFile() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        store.save(sample);
        Checkpoint next = Checkpoint.of("parsed", "payment-parsed", Map.of(0, 18L), Map.of());
        store.save(next);
        assertThat(store.load()).contains(next);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".paypulse-sink-parsed.checkpoint");
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnored() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        store.save(sample);
        // crash while writing the next one: half a JSON document in the temporary file
        Path temp = dir.resolve(".paypulse-sink-parsed.checkpoint.tmp");
        Files.writeString(temp, "{\"version\":1,\"sink\":\"parsed\",\"offs");
        assertThat(store.load()).contains(sample);
        assertThat(temp).exists(); // not the reader's to remove: it could be a save in progress
        store.save(Checkpoint.of("parsed", "payment-parsed", Map.of(0, 99L), Map.of()));
        assertThat(store.load().orElseThrow().offsets()).containsEntry(0, 99L);
    }

    @Test
    void aTemporaryFileAloneMeansNoCheckpoint() throws IOException {
        Files.writeString(dir.resolve(".paypulse-sink-alerts.checkpoint.tmp"), "{\"version\":1,");
        assertThat(new CheckpointStore(dir, "alerts").load()).isEmpty();
    }

    @Test
    void sinksHaveSeparateCheckpoints() throws IOException {
        new CheckpointStore(dir, "parsed").save(sample);
        assertThat(new CheckpointStore(dir, "aggregates").load()).isEmpty();
    }

    @Test
    void unreadableCheckpointIsAClearError() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        Files.write(store.path(), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("unreadable")
                .hasMessageContaining("delete it to rebuild");
    }

    @Test
    void checkpointNamingAFileOutsideTheDirectoryIsRefused() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        Files.writeString(store.path(),
                "{\"version\":1,\"sink\":\"parsed\",\"topic\":\"t\",\"offsets\":{},\"files\":{\"../etc/x.csv\":1}}");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("invalid file entry");
    }

    @Test
    void otherVersionIsRefused() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        Files.writeString(store.path(), "{\"version\":2,\"sink\":\"parsed\",\"topic\":\"t\",\"offsets\":{},\"files\":{}}");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("version 2");
    }
}

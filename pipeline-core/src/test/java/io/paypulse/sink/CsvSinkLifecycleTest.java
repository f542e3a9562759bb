package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start/close behaviour that needs no broker: nothing listens on the bootstrap address used here. */
class CsvSinkLifecycleTest {

    private static final Map<String, Object> NO_BROKER = Map.of("bootstrap.servers", "127.0.0.1:9");

    @TempDir
    Path dir;

    @Test
    void oneSinkOfAKindPerDirectory() throws Exception {
        try (CsvSink first = CsvSink.parsed(NO_BROKER, dir, "t");
             CsvSink second = CsvSink.parsed(NO_BROKER, dir, "t");
             CsvSink otherKind = CsvSink.aggregates(NO_BROKER, dir, "a")) {
            first.start();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already writing");
            otherKind.start(); // a different sink in the same directory is fine
            assertThat(first.caughtUp()).isFalse();
            assertThat(first.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
            first.close();
            try (CsvSink third = CsvSink.parsed(NO_BROKER, dir, "t")) {
                third.start(); // the lock is free again
            }
        }
    }

    @Test
    void startWritesAnEmptyCheckpointAndSetsForeignFilesAside() throws Exception {
        Files.writeString(dir.resolve("enriched_data_2024-05-01_10.csv"), "somebody else's");
        try (CsvSink sink = CsvSink.parsed(NO_BROKER, dir, "t")) {
            sink.start();
            Checkpoint cp = new CheckpointStore(dir, "parsed").load().orElseThrow();
            assertThat(cp.topic()).isEqualTo("t");
            assertThat(cp.offsets()).isEmpty();
            assertThat(cp.files()).isEmpty();
            assertThat(dir.resolve("enriched_data_2024-05-01_10.csv")).doesNotExist();
        }
    }

    @Test
    void aCheckpointOfAnotherTopicIsRefused() {
        try (CsvSink sink = CsvSink.alerts(NO_BROKER, dir, "one")) {
            sink.start();
        }
        try (CsvSink sink = CsvSink.alerts(NO_BROKER, dir, "two")) {
            assertThatThrownBy(sink::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to topic 'one'");
        }
        try (CsvSink sink = CsvSink.alerts(NO_BROKER, dir, "one")) {
            sink.start(); // the refused start left the lock free
        }
    }

    @Test
    void closeIsIdempotentAndEndsTheThread() {
        CsvSink sink = CsvSink.parsed(NO_BROKER, dir, "t");
        sink.close(); // never started
        sink.close();
        assertThatThrownBy(sink::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        CsvSink running = CsvSink.parsed(NO_BROKER, dir, "t");
        running.start();
        assertThatThrownBy(running::start).hasMessageContaining("already started");
        long before = System.nanoTime();
        running.close();
        running.close();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("csv-sink-parsed") && t.isAlive());
        assertThat(running.failure()).isEmpty();
    }
}

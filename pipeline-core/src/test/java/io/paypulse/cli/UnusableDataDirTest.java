package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code process} with a data or output directory it cannot use: one sentence naming the folder and the
 * setting, exit 2, before Kafka Streams (or any Kafka client: the bootstrap server does not exist) starts.
 */
class UnusableDataDirTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aDataDirThatIsAFileIsOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        assertThat(run("process", "--bootstrap", "localhost:1", "--http-port", "0", "--data-dir", file.toString()))
                .isEqualTo(2);
        // Refused while binding the settings, before any folder is touched.
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value '" + file + "' for data-dir (from --data-dir):"
                + " allowed: a directory (created when missing), not a file.");
    }

    @Test
    void aDataDirUnderAFileIsOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a folder");
        Path below = file.resolve("paypulse");
        assertThat(run("process", "--bootstrap", "localhost:1", "--http-port", "0", "--data-dir", below.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Cannot use " + below + " as the data directory: a part of"
                + " the path is a file, not a folder. Make it a writable folder or choose another with"
                + " --data-dir (setting data-dir).");
    }

    @Test
    void aStateFolderThatIsAFileIsOneSentence() throws Exception {
        Files.writeString(dir.resolve("streams"), "in the way");
        assertThat(run("process", "--bootstrap", "localhost:1", "--http-port", "0", "--data-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Cannot use " + dir.resolve("streams") + " as the processor"
                + " state folder: it is a file, not a folder. Make it a writable folder or choose another with --data-dir"
                + " (setting data-dir).");
    }

    @Test
    void anOutputDirThatIsAFileIsOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "not a folder");
        assertThat(run("process", "--bootstrap", "localhost:1", "--http-port", "0", "--data-dir", dir.toString(),
                "--output-dir", file.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value '" + file + "' for output-dir (from"
                + " --output-dir): allowed: a directory (created when missing), not a file.");
    }
}

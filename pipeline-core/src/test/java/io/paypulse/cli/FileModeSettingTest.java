package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders PayPulse creates are owner-only by default; {@code file-mode} widens them on purpose. */
class FileModeSettingTest {

    @TempDir
    Path dir;

    @Test
    void dataStateAndOutputFoldersAre0700ByDefault() throws IOException {
        PayPulseConfig config = ConfigLoader.load(null, Map.of(), Map.of("data-dir", dir.resolve("data").toString()));
        DataDir.requireUsable(config, config.fileModes());
        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data/streams"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data/output"))).isEqualTo("rwx------");
    }

    @Test
    void fileMode640SharesTheFoldersWithTheGroup() throws IOException {
        PayPulseConfig config = ConfigLoader.load(null, Map.of(),
                Map.of("data-dir", dir.resolve("data").toString(), "file-mode", "640"));
        assertThat(config.fileModes().fileOctal()).isEqualTo("640");
        DataDir.requireUsable(config, config.fileModes());
        assertThat(mode(dir.resolve("data/output"))).isEqualTo("rwxr-x---");
    }

    @Test
    void aBadFileModeIsOneSentenceNamingTheKey() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "process",
                "--bootstrap", "localhost:1", "--data-dir", dir.toString(), "--set", "file-mode=755");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value '755' for file-mode (from --set): allowed: an octal file"
                + " mode that lets the owner read and write and grants no execute, e.g. 600 (default) or 640.");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}

package io.paypulse.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The .deb of the desktop app, tested as a user gets it: {@code packaging/jpackage/test-deb.sh} builds
 * it (jpackage) when it is older than the app jar, unpacks it with {@code dpkg-deb -x}, runs the
 * packaged launcher under Xvfb with {@code --autostart}, waits for CSV rows from the embedded pipeline,
 * sends SIGTERM and checks the clean exit. Its timing lines are printed as they come.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after the app jar is packaged). Needs xvfb and libgtk-3-0
 * (the script says which are missing and fails); {@code -Dpaypulse.package.tests=false} skips it.
 * Alone: {@code mvn -B -pl app verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PackagedAppIT}.
 */
class PackagedAppIT {

    @Test
    void thePackagedAppStartsTheEmbeddedPipelineAndStopsCleanlyOnSigterm() throws Exception {
        assumeFalse("false".equals(System.getProperty("paypulse.package.tests")),
                "package test switched off with -Dpaypulse.package.tests=false");
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("packaging/jpackage/test-deb.sh"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with packaging/jpackage/test-deb.sh").isNotNull();

        Process p = new ProcessBuilder("bash", "packaging/jpackage/test-deb.sh").directory(root.toFile())
                .redirectErrorStream(true).start();
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("[test-deb] " + line);
                tail.add(line);
                if (tail.size() > 60) {
                    tail.remove(0);
                }
            }
        }
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as("test-deb.sh failed; its last lines:%n%s", String.join("\n", tail)).isZero();
    }
}

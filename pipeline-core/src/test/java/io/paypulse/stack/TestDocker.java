package io.paypulse.stack;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;

/**
 * The real engine for stack tests, and a tiny image made without any registry: the host's static
 * busybox ({@code apt-get install -y busybox-static}) plus the applet links, {@code docker import}ed.
 * Idempotent: the image is built once per engine (~1 s).
 *
 * <p>No engine makes the tests FAIL with a sentence (CI installs Docker), unless
 * {@code -Dpaypulse.docker.tests=false} skips them.
 *
 * <p>Public, and published in pipeline-core's test-jar, for the app's Stack journey.
 */
public final class TestDocker {

    public static final String IMAGE = "paypulse-test/busybox:1";
    private static final List<String> APPLETS = List.of("sh", "true", "false", "echo", "sleep", "cat", "ls", "test",
            "touch", "httpd", "wget", "ps", "kill", "env");

    private TestDocker() {
    }

    public static DockerEndpoint endpoint() {
        return DockerEndpoint.fromEnvironment();
    }

    /** A docker-java client for test set-up (things the stack API deliberately cannot do). */
    public static DockerClient client() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint().uri()).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(60)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Fails with what to do when no engine answers; skips when docker tests are switched off. */
    public static void requireEngine() {
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("paypulse.docker.tests")),
                "Docker tests switched off (-Dpaypulse.docker.tests=false)");
        try (DockerClient c = client()) {
            c.pingCmd().exec();
        } catch (Exception e) {
            fail("These tests need a Docker engine at " + endpoint() + " (" + e
                    + "): install docker.io and start dockerd, or pass -Dpaypulse.docker.tests=false to skip them.");
        }
    }

    public static void ensureImage() {
        try (DockerClient c = client()) {
            try {
                c.inspectImageCmd(IMAGE).exec();
                return;
            } catch (NotFoundException e) {
                // build it below
            }
            Path busybox = busybox();
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
                dir(out, "bin/");
                dir(out, "tmp/");
                TarArchiveEntry bb = new TarArchiveEntry("bin/busybox");
                bb.setMode(0755);
                bb.setSize(Files.size(busybox));
                out.putArchiveEntry(bb);
                Files.copy(busybox, out);
                out.closeArchiveEntry();
                for (String applet : APPLETS) {
                    TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK);
                    link.setLinkName("busybox");
                    out.putArchiveEntry(link);
                    out.closeArchiveEntry();
                }
            }
            // docker-java's createImageCmd (import) sends a truncated body through httpclient5
            // ("Error processing tar file: unexpected EOF"), so the CLI imports the tar.
            Path file = Files.createTempFile("paypulse-busybox", ".tar");
            try {
                Files.write(file, tar.toByteArray());
                Process p = new ProcessBuilder("docker", "import", file.toString(), IMAGE).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    fail("docker import of the test image failed (exit " + p.exitValue() + ")");
                }
            } finally {
                Files.deleteIfExists(file);
            }
            Objects.requireNonNull(c.inspectImageCmd(IMAGE).exec());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void dir(TarArchiveOutputStream out, String name) throws IOException {
        TarArchiveEntry d = new TarArchiveEntry(name);
        d.setMode(name.equals("tmp/") ? 01777 : 0755);
        out.putArchiveEntry(d);
        out.closeArchiveEntry();
    }

    private static Path busybox() {
        for (String p : List.of("/bin/busybox", "/usr/bin/busybox")) {
            Path path = Path.of(p);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        fail("The stack tests build their image from a static busybox: apt-get install -y busybox-static");
        return null;
    }

    /** A classpath resource as a file (the compose CLI needs a path). */
    public static Path resource(String name, Path dir) {
        try (InputStream in = TestDocker.class.getResourceAsStream(name)) {
            Objects.requireNonNull(in, name);
            Path out = dir.resolve(name);
            Files.copy(in, out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

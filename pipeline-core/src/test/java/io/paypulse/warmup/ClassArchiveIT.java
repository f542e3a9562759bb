package io.paypulse.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archive the Docker image ships (docs/warmup.md): trained by packaging/warmup/train.sh, used
 * by the options it prints, which are the image's ENTRYPOINT options. A fitting archive must really be
 * used; a missing, stale or foreign one must neither stop a start nor add a word to its output.
 * Trains on {@code --version} (about a second) instead of the image's 20,000-event run.
 */
class ClassArchiveIT {

    private static final Path ROOT = root();
    private static final Path TRAIN = ROOT.resolve("packaging/warmup/train.sh");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String MAIN_FROM_ARCHIVE = "io.paypulse.cli.Main source: shared objects file (top)";

    @TempDir
    static Path dir;

    private static Path jar;
    private static FileTime jarTime; // what the archive recorded
    private static Path archive;
    private static List<String> useOptions;
    private static String plainVersion;

    @BeforeAll
    static void train() throws Exception {
        Path built = ROOT.resolve("pipeline-core/target/paypulse.jar");
        assertThat(built).as("the shaded jar (mvn package builds it before the ITs run)").isRegularFile();
        jar = dir.resolve("paypulse.jar");
        Files.copy(built, jar); // a copy: the stale case rewrites its timestamp
        jarTime = Files.getLastModifiedTime(jar);
        Run trained = run(Map.of("TRAIN_ARGS", "--version"), "bash", TRAIN.toString(), JAVA, jar.toString(),
                dir.resolve("paypulse").toString());
        assertThat(trained.code).as(trained.output).isZero();
        useOptions = Arrays.asList(lastLine(trained.output).split(" "));
        archive = dir.resolve("paypulse.jsa");
        assertThat(useOptions).contains("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        assertThat(archive).isRegularFile();
        plainVersion = java(List.of()).output;
        assertThat(plainVersion).startsWith("PayPulse ");
    }

    @BeforeEach
    void freshArchiveInPlace() throws IOException {
        Files.setLastModifiedTime(jar, jarTime);
    }

    @Test
    void aFittingArchiveIsUsed() throws Exception {
        Run run = java(withClassLoadLog(useOptions));
        assertThat(run.code).isZero();
        assertThat(run.output).contains(MAIN_FROM_ARCHIVE);
        assertThat(java(useOptions).output).isEqualTo(plainVersion);
    }

    @Test
    void aStaleArchiveIsIgnoredWithoutAWord() throws Exception {
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // as if rebuilt
        Run run = java(useOptions);
        assertThat(run.code).isZero();
        assertThat(run.output).isEqualTo(plainVersion);
        assertThat(java(withClassLoadLog(useOptions)).output).doesNotContain(MAIN_FROM_ARCHIVE).contains("io.paypulse.cli.Main");
    }

    @Test
    void aMissingArchiveIsIgnoredWithoutAWord() throws Exception {
        Path moved = dir.resolve("moved.jsa");
        Files.move(archive, moved);
        try {
            Run run = java(useOptions);
            assertThat(run.code).isZero();
            assertThat(run.output).isEqualTo(plainVersion);
        } finally {
            Files.move(moved, archive);
        }
    }

    @Test
    void anArchiveOfAnotherJvmIsIgnoredWithoutAWord() throws Exception {
        Path foreign = dir.resolve("foreign.jsa");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[8] ^= 0x7f; // the header's format version (after magic and CRC): what another JDK's archive shows
        Files.write(foreign, bytes);
        List<String> options = new ArrayList<>(useOptions);
        options.replaceAll(o -> o.equals("-XX:SharedArchiveFile=" + archive) ? "-XX:SharedArchiveFile=" + foreign : o);
        Run run = java(options);
        assertThat(run.code).isZero();
        assertThat(run.output).isEqualTo(plainVersion);
        assertThat(java(withClassLoadLog(options)).output).doesNotContain(MAIN_FROM_ARCHIVE).contains("io.paypulse.cli.Main");
    }

    @Test
    void theImageStartsWithTheOptionsTestedHere() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("packaging/Dockerfile"));
        String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
        for (String option : useOptions) {
            String inImage = option.replace(dir.resolve("paypulse").toString(), "/opt/paypulse/paypulse");
            assertThat(entrypoint).contains("\"" + inImage + "\"");
        }
        assertThat(dockerfile).contains("RUN bash /opt/paypulse/train.sh java /opt/paypulse/paypulse.jar /opt/paypulse/paypulse");
    }

    @Test
    void aFailedTrainingRunFailsTheBuildWithItsOutput() throws Exception {
        Run trained = run(Map.of("TRAIN_ARGS", "no-such-command"), "bash", TRAIN.toString(), JAVA, jar.toString(),
                dir.resolve("failed").toString());
        assertThat(trained.code).isNotZero();
        assertThat(trained.output).contains("no-such-command").contains("the training run did not write");
    }

    private static List<String> withClassLoadLog(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.add("-Xlog:class+load=info");
        return all;
    }

    private static Run java(List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(options);
        cmd.addAll(List.of("-jar", jar.toString(), "--version"));
        return run(Map.of(), cmd.toArray(String[]::new));
    }

    private static Run run(Map<String, String> env, String... cmd) throws Exception {
        Path out = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // its "Picked up" line is not the archive's doing
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", cmd)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private record Run(int code, String output) {}

    private static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("packaging/warmup/train.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("packaging/warmup/train.sh not found above " + Path.of("").toAbsolutePath());
    }
}

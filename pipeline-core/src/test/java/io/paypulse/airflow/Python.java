package io.paypulse.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs python3 (or bash) as a child process for the Airflow tests; fails clearly when it is missing. */
final class Python {

    static final Path ROOT = repositoryRoot();

    record Result(int code, String output) {}

    private Python() {}

    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        return exec(command, Map.of(), ROOT);
    }

    static Result exec(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " could not be started (" + e.getMessage() + "): the Airflow "
                    + "tests need it on the PATH (Debian: apt-get install " + (command.get(0).equals("python3") ? "python3" : command.get(0)) + ").", e);
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s: " + output);
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("airflow"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}

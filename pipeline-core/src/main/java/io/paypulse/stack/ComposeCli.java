package io.paypulse.stack;

import io.paypulse.threads.Workers;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compose CLI as a child process: {@code <compose> -p <project> -f <file> <args>}, stderr
 * merged into stdout, each progress line ("Creating paypulse_kafka1_1 ... done") handed to a
 * callback and the whole output kept for error classification. Blocking: call off the UI thread.
 *
 * <p>The CLI is {@code docker compose} (v2) when {@code docker compose version} works, else
 * {@code docker-compose} (v1, the only one Debian packages), unless the settings name one.
 */
public final class ComposeCli {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeCli.class);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;?0-9]*[A-Za-z]");
    private static final Set<String> PROGRESS_WORDS = Set.of("Creating", "Created", "Starting", "Started",
            "Stopping", "Stopped", "Pulling", "Pulled", "Removing", "Removed", "Recreating", "Recreated", "Waiting",
            "Healthy", "Container", "Network", "Volume", "Building", "Built", "Running");
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private final StackSettings settings;
    private final Workers workers;
    private volatile List<String> command;

    public ComposeCli(StackSettings settings) {
        this(settings, Workers.standard());
    }

    /** @param workers where the thread that reads each compose command's output comes from */
    public ComposeCli(StackSettings settings, Workers workers) {
        this.workers = workers;
        this.settings = settings;
        this.command = settings.composeCommand().isEmpty() ? null : settings.composeCommand();
    }

    /** The compose command in use, detecting it on first call. */
    public List<String> command() {
        List<String> c = command;
        if (c == null) {
            c = detect();
            command = c;
        }
        return c;
    }

    private List<String> detect() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> probe = new ArrayList<>(candidate);
            probe.add("version");
            try {
                Result r = exec(probe, Duration.ofSeconds(20), line -> { });
                if (r.exitCode() == 0) {
                    LOG.info("Compose CLI: {}", String.join(" ", candidate));
                    return candidate;
                }
            } catch (StackException e) {
                // not installed: try the next one
            }
        }
        throw new StackException(StackErrors.COMPOSE_MISSING);
    }

    /**
     * Runs compose with the project and file. Returns the output on exit code 0.
     *
     * @param what     the step in words for a generic error ("start the stack")
     * @param progress receives progress lines, ANSI colours removed
     * @throws StackException one sentence when compose is missing or the command failed
     */
    public String run(String what, Consumer<String> progress, String... args) {
        List<String> cmd = new ArrayList<>(command());
        cmd.addAll(List.of("--ansi", "never", "-p", settings.project(), "-f", settings.composeFile().toString()));
        cmd.addAll(List.of(args));
        Result r = exec(cmd, COMMAND_TIMEOUT, line -> {
            String first = line.split("\\s+", 2)[0];
            if (PROGRESS_WORDS.contains(first)) {
                progress.accept(line);
            }
        });
        if (r.exitCode() != 0) {
            LOG.warn("{} exited with {}:\n{}", String.join(" ", cmd), r.exitCode(), r.output());
            throw StackErrors.fromCompose(r.output(), r.exitCode(), what, settings.endpoint());
        }
        return r.output();
    }

    record Result(int exitCode, String output) {
    }

    private Result exec(List<String> cmd, Duration timeout, Consumer<String> lines) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (settings.composeFile().toAbsolutePath().getParent() != null) {
            pb.directory(settings.composeFile().toAbsolutePath().getParent().toFile());
        }
        Map<String, String> env = pb.environment();
        env.put("DOCKER_HOST", settings.endpoint().uri());
        env.put("COMPOSE_ANSI", "never");
        env.putAll(settings.env());
        Process p;
        try {
            p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            // The executable is missing (or not executable): that is "compose is not installed".
            throw new StackException(StackErrors.COMPOSE_MISSING, e);
        }
        StringBuilder out = new StringBuilder();
        Thread reader = workers.start("compose-output", () -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String clean = ANSI.matcher(line).replaceAll("").replace("\r", "").strip();
                    synchronized (out) {
                        out.append(clean).append('\n');
                    }
                    if (!clean.isEmpty()) {
                        lines.accept(clean);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Reading compose output: {}", e.toString());
            }
        });
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw new StackException("Compose did not finish within " + timeout.toMinutes()
                        + " minutes: see the log, then try again.");
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            Thread.currentThread().interrupt();
            throw new StackException("Stopped waiting for compose because PayPulse is shutting down.", e);
        }
        synchronized (out) {
            return new Result(p.exitValue(), out.toString());
        }
    }
}

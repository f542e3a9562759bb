package io.paypulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the bench starts as a user would ({@code java -jar paypulse.jar ...} or a bench main), with
 * its output in a log file, and what {@code /proc} says about it: CPU seconds (utime + stime) and
 * peak RSS (VmHWM). The bench measures through these only, so it needs nothing from inside the
 * processor. {@link #close()} sends SIGTERM and waits, then SIGKILL; every child is also killed by
 * a shutdown hook if the bench itself dies.
 */
final class ChildJvm implements AutoCloseable {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final List<ChildJvm> LIVE = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (LIVE) {
                LIVE.forEach(c -> c.process.destroyForcibly());
            }
        }, "bench-child-reaper"));
    }

    final String name;
    final Process process;
    final Path log;
    final long startedNanos;

    private ChildJvm(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** The java binary running the bench, so children use the same JDK. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Starts {@code java <jvmOptions> <args>} with stdout and stderr in {@code log}; {@code env} is
     * added to the environment (e.g. an empty XDG_CONFIG_HOME so no user config file applies).
     */
    static ChildJvm start(String name, List<String> jvmOptions, List<String> args, Path log, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        ChildJvm c = new ChildJvm(name, p, log, t0);
        synchronized (LIVE) {
            LIVE.add(c);
        }
        return c;
    }

    long pid() {
        return process.pid();
    }

    double secondsSinceStart(long nanos) {
        return (nanos - startedNanos) / 1e9;
    }

    /**
     * utime + stime of each live thread, by thread id, with the thread's name as {@code /proc} shows it
     * (at most 15 characters). Empty once the JVM has exited.
     */
    Map<Long, ThreadCpu> threadCpu() {
        Map<Long, ThreadCpu> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name,
                            (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** One thread's CPU seconds so far. */
    record ThreadCpu(String name, double seconds) {
    }

    /** utime + stime of the whole JVM (all threads) so far; NaN once it has exited. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Peak resident set size (VmHWM) in bytes; -1 once it has exited. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Fails with the log's tail when the JVM has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log " + log
                    + " ends:\n" + tail(30));
        }
    }

    /** Waits for a line of the log matching {@code pattern}; returns group 1. */
    String awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
            }
            requireAlive();
            Thread.sleep(50); // polling a log file written by another process
        }
        throw new IllegalStateException(name + " printed no line matching " + pattern + " within " + timeout
                + "; its log ends:\n" + tail(30));
    }

    /** Waits for the JVM to exit on its own; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeout + "; its log ends:\n" + tail(30));
        }
        return process.exitValue();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** SIGTERM, up to 30 s for a clean stop, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        synchronized (LIVE) {
            LIVE.remove(this);
        }
    }
}

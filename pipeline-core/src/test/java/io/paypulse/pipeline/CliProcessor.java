package io.paypulse.pipeline;

import io.paypulse.broker.PortProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code paypulse process} instance as its own JVM, as an operator starts it on a server: its own
 * data directory and health port, optionally without CSV sinks. Read through what a user sees: its
 * log, {@code /health} and {@code /metrics}. Not thread-safe; the test thread drives it.
 */
final class CliProcessor implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String bootstrap;
    private final Path dataDir;
    private final boolean sinks;
    private final int httpPort;
    private final Path log;
    private Process process;
    private Path currentLog;
    private int starts;

    CliProcessor(String name, String bootstrap, Path dataDir, boolean sinks) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.dataDir = dataDir;
        this.sinks = sinks;
        this.httpPort = PortProbe.freePort("127.0.0.1");
        // Kept under target/ (not the temp dir) so a failed run can be read afterwards.
        this.log = Path.of("target", "processor-failover-it", name + ".log");
    }

    /** Starts (or starts again, on the same data directory and port) the process. */
    CliProcessor start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.paypulse.cli.Main", "process", "--bootstrap", bootstrap, "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(httpPort)));
        if (!sinks) {
            cmd.add("--no-sinks");
        }
        Files.createDirectories(log.getParent());
        starts++;
        currentLog = starts == 1 ? log : log.resolveSibling(name + "-" + starts + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(currentLog.toFile()).start();
        return this;
    }

    /** SIGKILL: no shutdown hook, no leave-group, an open transaction left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Path outputDir() {
        return dataDir.resolve("output");
    }

    String name() {
        return name;
    }

    /** True while GET /health answers 200 with status UP. */
    boolean up() {
        try {
            HttpResponse<String> r = get("/health");
            return r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** The sum of a Prometheus counter's samples on /metrics; 0 while it is not there or the process does not answer. */
    double metric(String metricName) {
        try {
            HttpResponse<String> r = get("/metrics");
            if (r.statusCode() != 200) {
                return 0;
            }
            return r.body().lines().filter(l -> l.startsWith(metricName + " ") || l.startsWith(metricName + "{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String lastLogLines(int n) {
        try {
            List<String> lines = Files.readAllLines(currentLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }
}

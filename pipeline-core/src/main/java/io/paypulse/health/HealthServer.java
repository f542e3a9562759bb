package io.paypulse.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.json.Mappers;
import io.paypulse.threads.Workers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import io.paypulse.config.ProcessorSettings;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's HTTP endpoint, on loopback unless another address is chosen (a container passes
 * {@code 0.0.0.0}: health and metrics are for this machine only by default): {@code GET /health}
 * (JSON, 200 when UP, 503 when DOWN, see {@link HealthReport}) and {@code GET /metrics}
 * (Prometheus text). Other paths are 404, other methods on these paths 405. Uses the JDK's
 * built-in server: two tiny read-only handlers need no web framework. Answers on one daemon
 * thread; {@link #close()} stops it at once and is idempotent. It does not close the metrics.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    private static final ObjectMapper JSON = Mappers.json();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<HealthReport> health;
    private final PrometheusMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HealthServer(HttpServer server, Supplier<HealthReport> health, PrometheusMetrics metrics, Workers workers) {
        this.server = server;
        this.health = health;
        this.metrics = metrics;
        this.executor = workers.single("paypulse-http");
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Listens on {@code 127.0.0.1:port} (0 picks a free port, for tests). */
    public static HealthServer start(int port, Supplier<HealthReport> health, PrometheusMetrics metrics) {
        return start(ProcessorSettings.LOOPBACK, port, health, metrics);
    }

    /**
     * Listens on {@code host:port} (0 picks a free port, for tests).
     *
     * @throws ConfigException naming {@link ConfigKeys#HTTP_HOST} when this machine has no such
     *                         address, {@link ConfigKeys#HTTP_PORT} when the port is taken
     */
    public static HealthServer start(String host, int port, Supplier<HealthReport> health, PrometheusMetrics metrics) {
        return start(host, port, health, metrics, Workers.standard());
    }

    /** Like {@link #start(String, int, Supplier, PrometheusMetrics)}; requests are served on a thread from {@code workers}. */
    public static HealthServer start(String host, int port, Supplier<HealthReport> health, PrometheusMetrics metrics,
            Workers workers) {
        InetAddress address = localAddress(host);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new ConfigException("Port " + port + " (" + ConfigKeys.HTTP_PORT
                    + ") is already in use; choose another port, or 0 to turn the health endpoint off.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the health endpoint on port " + port, e);
        }
        HealthServer s = new HealthServer(server, health, metrics, workers);
        server.start();
        LOG.info("Health and metrics on http://{}:{}/health and /metrics", host, s.port());
        return s;
    }

    /** {@code host} as an address this machine can listen on; else one sentence naming the setting. */
    private static InetAddress localAddress(String host) {
        String allowed = "allowed: an address of this machine such as 127.0.0.1 (default) or 0.0.0.0 (all interfaces)";
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return address;
            }
        } catch (UnknownHostException e) {
            throw ConfigException.invalid(ConfigKeys.HTTP_HOST, host, allowed + " (the name does not resolve)");
        } catch (IOException e) {
            // reported below
        }
        throw ConfigException.invalid(ConfigKeys.HTTP_HOST, host, allowed);
    }

    /** The address listened on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health") && !path.equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: try /health or /metrics\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
                return;
            }
            if (path.equals("/health")) {
                HealthReport report = health.get();
                send(exchange, report.httpStatus(), "application/json", json(report) + "\n");
            } else {
                send(exchange, 200, PrometheusMetrics.CONTENT_TYPE, metrics.scrape());
            }
        } catch (RuntimeException e) {
            LOG.warn("Health endpoint failed to answer {}: {}", exchange.getRequestURI(), e.toString());
            LOG.debug("details", e);
        }
    }

    private static String json(HealthReport report) {
        try {
            return JSON.writeValueAsString(report.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }
}

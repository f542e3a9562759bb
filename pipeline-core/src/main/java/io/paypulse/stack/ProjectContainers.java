package io.paypulse.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers of one compose project, through docker-java: list (by the
 * {@value #PROJECT_LABEL} label), inspect, start, stop, restart, logs and events. Every operation
 * on a container id first checks the label, so nothing outside the project can be touched.
 *
 * <p>Two HTTP clients: one for requests, with a response timeout, and one without for the
 * endless streams (followed logs, events) that may be silent for hours. Thread-safe; blocking
 * calls, so not on the UI thread. Stream callbacks run on docker-java's threads.
 */
public final class ProjectContainers implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectContainers.class);
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    /** Seconds a container gets between SIGTERM and SIGKILL (Docker's default). */
    static final int STOP_TIMEOUT_SECONDS = 10;

    private final String project;
    private final DockerEndpoint endpoint;
    private final DockerClient requests;
    private final DockerClient streams;

    public ProjectContainers(String project, DockerEndpoint endpoint) {
        this.project = project;
        this.endpoint = endpoint;
        this.requests = client(endpoint, Duration.ofSeconds(STOP_TIMEOUT_SECONDS + 50));
        this.streams = client(endpoint, null);
    }

    private static DockerClient client(DockerEndpoint endpoint, Duration responseTimeout) {
        // Unversioned requests: pinning an API version above the engine's (1.41 here) fails with HTTP 400.
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.uri()).build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .maxConnections(20).connectionTimeout(Duration.ofSeconds(3));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    public String project() {
        return project;
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** Fails with the "not running" / "permission denied" sentence when the engine cannot be used. */
    public void ping() {
        call(() -> requests.pingCmd().exec());
    }

    /** Every container of the project, running or not, sorted by service then name. */
    public List<ContainerStatus> list() {
        List<Container> found = call(() -> requests.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec());
        List<ContainerStatus> out = new ArrayList<>();
        for (Container c : found) {
            inspect(c.getId()).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(ContainerStatus::service).thenComparing(ContainerStatus::name));
        return out;
    }

    /** The container now, or empty if it is gone. Refuses a container of another project. */
    public Optional<ContainerStatus> inspect(String id) {
        try {
            InspectContainerResponse r = call(() -> requests.inspectContainerCmd(id).exec());
            requireOurs(id, r);
            return Optional.of(toStatus(r));
        } catch (StackException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void start(String id) {
        requireOurs(id);
        try {
            call(() -> requests.startContainerCmd(id).exec());
        } catch (StackException e) {
            if (!(e.getCause() instanceof NotModifiedException)) {
                throw e;
            }
        }
    }

    public void stop(String id) {
        requireOurs(id);
        try {
            call(() -> requests.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
        } catch (StackException e) {
            if (!(e.getCause() instanceof NotModifiedException)) {
                throw e;
            }
        }
    }

    public void restart(String id) {
        requireOurs(id);
        call(() -> requests.restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
    }

    /**
     * Streams the container's output, one line per call of {@code lines} (on a docker-java thread).
     * Closing the returned handle ends the stream.
     *
     * @param tail how many past lines to send first; negative: all
     */
    public Closeable logs(String id, boolean follow, boolean timestamps, int tail, Consumer<String> lines) {
        requireOurs(id);
        var cmd = streams.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withFollowStream(follow).withTimestamps(timestamps);
        if (tail >= 0) {
            cmd.withTail(tail);
        } else {
            cmd.withTailAll();
        }
        LineCallback cb = new LineCallback(lines);
        call(() -> cmd.exec(cb));
        return cb;
    }

    /**
     * Docker events about the project's containers (exec_* health-probe noise dropped), on a
     * docker-java thread. {@code failed} gets one sentence if the stream breaks (engine stopped).
     */
    public Closeable events(Consumer<StackEvent> events, Consumer<StackException> failed) {
        ResultCallback.Adapter<Event> cb = new ResultCallback.Adapter<>() {
            private final AtomicBoolean closing = new AtomicBoolean();

            @Override
            public void onNext(Event e) {
                String action = e.getAction() != null ? e.getAction() : e.getStatus();
                if (action == null || action.startsWith("exec_") || e.getId() == null) {
                    return;
                }
                Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null
                        ? Map.of() : e.getActor().getAttributes();
                if (!project.equals(attrs.getOrDefault(PROJECT_LABEL, project))) {
                    return;
                }
                Instant at = e.getTimeNano() != null
                        ? Instant.ofEpochSecond(0, e.getTimeNano())
                        : Instant.ofEpochSecond(e.getTime() == null ? 0 : e.getTime());
                events.accept(new StackEvent(e.getId(), attrs.getOrDefault(SERVICE_LABEL, ""), action, at));
            }

            @Override
            public void onError(Throwable t) {
                if (!closing.get()) {
                    LOG.warn("Docker event stream broke: {}", t.toString());
                    failed.accept(StackErrors.fromDocker(t, endpoint));
                }
            }

            @Override
            public void close() throws IOException {
                closing.set(true);
                super.close();
            }
        };
        call(() -> streams.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec(cb));
        // Return once the engine has answered, so no event after this call is missed.
        try {
            if (!cb.awaitStarted(10, TimeUnit.SECONDS)) {
                LOG.warn("The Docker event stream did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cb;
    }

    /** Throws the "not part of the stack" sentence unless the container carries our project label. */
    public void requireOurs(String id) {
        InspectContainerResponse r;
        try {
            r = call(() -> requests.inspectContainerCmd(id).exec());
        } catch (StackException e) {
            if (e.getCause() instanceof NotFoundException) {
                throw new StackException(StackErrors.noSuchContainer(id), e.getCause());
            }
            throw e;
        }
        requireOurs(id, r);
    }

    private void requireOurs(String id, InspectContainerResponse r) {
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                ? Map.of() : r.getConfig().getLabels();
        if (!project.equals(labels.get(PROJECT_LABEL))) {
            String name = r.getName() == null ? id : r.getName().replaceFirst("^/", "");
            throw new StackException(StackErrors.notOurs(name, project));
        }
    }

    static ContainerStatus toStatus(InspectContainerResponse r) {
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                ? Map.of() : r.getConfig().getLabels();
        var state = r.getState();
        String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
        long exit = state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong();
        Health health = state == null || state.getHealth() == null ? Health.NONE : Health.parse(state.getHealth().getStatus());
        Instant started = state == null ? null : time(state.getStartedAt());
        String image = r.getConfig() != null && r.getConfig().getImage() != null ? r.getConfig().getImage() : r.getImageId();
        return new ContainerStatus(r.getId(), r.getName() == null ? r.getId() : r.getName().replaceFirst("^/", ""),
                labels.getOrDefault(SERVICE_LABEL, ""), image, status, exit, health, ports(r), started);
    }

    private static List<String> ports(InspectContainerResponse r) {
        List<String> out = new ArrayList<>();
        Ports ports = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getPorts();
        if (ports == null || ports.getBindings() == null) {
            return out;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : ports.getBindings().entrySet()) {
            String inside = e.getKey().getPort() + "/" + e.getKey().getProtocol();
            if (e.getValue() == null) {
                continue; // exposed, not published
            }
            for (Ports.Binding b : e.getValue()) {
                String ip = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
                String entry = ip + ":" + b.getHostPortSpec() + "->" + inside;
                if (!out.contains(entry) && !(ip.equals("::") && out.contains("0.0.0.0:" + b.getHostPortSpec() + "->" + inside))) {
                    out.add(entry);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static Instant time(String docker) {
        if (docker == null || docker.isEmpty() || docker.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(docker);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            // docker-java rethrows IOExceptions unchecked ("sneaky"), so catch Exception.
            throw StackErrors.fromDocker(e, endpoint);
        }
    }

    @Override
    public void close() {
        for (DockerClient c : List.of(requests, streams)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("Closing the Docker client: {}", e.toString());
            }
        }
    }

    /** Log frames to whole lines; a frame may end mid-line. */
    private static final class LineCallback extends ResultCallback.Adapter<Frame> {
        private final Consumer<String> lines;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean closing = new AtomicBoolean();

        LineCallback(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onNext(Frame frame) {
            if (closing.get()) {
                return;
            }
            partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, nl);
                partial.delete(0, nl + 1);
                lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }

        @Override
        public void onComplete() {
            if (partial.length() > 0 && !closing.get()) {
                lines.accept(partial.toString());
                partial.setLength(0);
            }
            super.onComplete();
        }

        @Override
        public void onError(Throwable t) {
            // Closing the stream interrupts its reader: ClosedByInterruptException is expected then.
            if (!closing.get()) {
                LOG.debug("Log stream ended: {}", t.toString());
            }
        }

        @Override
        public void close() throws IOException {
            closing.set(true);
            super.close();
        }
    }
}

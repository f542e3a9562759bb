package io.paypulse.stack;

import io.paypulse.threads.Workers;
import java.io.Closeable;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Stack} on a real engine: whole-stack steps through {@link ComposeCli}, everything per
 * container through {@link ProjectContainers}, plus the wait for health after {@code up -d}.
 * Construction does not contact Docker; the first call does.
 */
public final class ComposeStack implements Stack {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeStack.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final StackSettings settings;
    private final ComposeCli compose;
    private final ProjectContainers containers;
    private final Clock clock;

    public ComposeStack(StackSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public ComposeStack(StackSettings settings, Clock clock) {
        this(settings, clock, Workers.standard());
    }

    public ComposeStack(StackSettings settings, Clock clock, Workers workers) {
        this.settings = settings;
        this.compose = new ComposeCli(settings, workers);
        this.containers = new ProjectContainers(settings.project(), settings.endpoint());
        this.clock = clock;
    }

    @Override
    public String endpoint() {
        return settings.endpoint().uri();
    }

    @Override
    public String project() {
        return settings.project();
    }

    public StackSettings settings() {
        return settings;
    }

    @Override
    public List<ContainerStatus> startStack(Consumer<String> progress) {
        Instant t0 = clock.instant();
        requireComposeFile();
        containers.ping(); // the engine's own sentence (not running, no permission) before compose's
        progress.accept("Starting the Docker stack '" + settings.project() + "'…");
        compose.run("start the stack", progress, "up", "-d");
        List<ContainerStatus> ready = awaitReady(progress);
        double s = Duration.between(t0, clock.instant()).toMillis() / 1000.0;
        progress.accept(String.format("Stack ready: %d containers in %.1f s", ready.size(), s));
        return ready;
    }

    /**
     * Polls until every container is ready (running, healthy if it has a healthcheck) or finished
     * (exited 0 without a healthcheck: one-shot init containers). Fails on a non-zero exit or at the
     * timeout, naming the containers that were not ready.
     */
    List<ContainerStatus> awaitReady(Consumer<String> progress) {
        Instant deadline = clock.instant().plus(settings.healthTimeout());
        Set<String> reported = new HashSet<>();
        while (true) {
            List<ContainerStatus> all = containers.list();
            if (all.isEmpty()) {
                throw new StackException("The compose file " + settings.composeFile()
                        + " created no containers: check that it defines services.");
            }
            int done = 0;
            for (ContainerStatus c : all) {
                if (finished(c) || c.ready()) {
                    done++;
                }
            }
            for (ContainerStatus c : all) {
                boolean ok = finished(c) || c.ready();
                if (ok && reported.add(c.id())) {
                    String word = finished(c) ? "finished" : c.hasHealthcheck() ? "healthy" : "running";
                    progress.accept(c.service() + " " + word + " (" + reported.size() + " of " + all.size() + ")");
                }
                if (!c.running() && !"restarting".equals(c.state()) && !"created".equals(c.state()) && c.exitCode() != 0) {
                    throw new StackException("Service " + c.service() + " stopped with exit code " + c.exitCode()
                            + " while the stack was starting: look at its logs in the Stack tab.");
                }
            }
            if (done == all.size()) {
                return all;
            }
            if (clock.instant().isAfter(deadline)) {
                String waiting = all.stream().filter(c -> !finished(c) && !c.ready())
                        .map(c -> c.service() + " is " + (c.running() && c.hasHealthcheck() ? c.health().label() : c.state()))
                        .collect(Collectors.joining(", "));
                throw new StackException("The stack was not healthy after " + settings.healthTimeout().toSeconds()
                        + " s (" + waiting + "): look at their logs in the Stack tab.");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Stopped waiting for the stack because PayPulse is shutting down.", e);
            }
        }
    }

    private void requireComposeFile() {
        if (!Files.isRegularFile(settings.composeFile())) {
            throw new StackException("The compose file " + settings.composeFile() + " does not exist: run PayPulse from"
                    + " the repository folder or set " + PayPulseStack.COMPOSE_FILE_ENV + " to its docker-compose.yml.");
        }
    }

    private static boolean finished(ContainerStatus c) {
        return "exited".equals(c.state()) && c.exitCode() == 0 && !c.hasHealthcheck() && c.startedAt() != null;
    }

    @Override
    public void stopStack(Consumer<String> progress) {
        requireComposeFile();
        containers.ping();
        progress.accept("Stopping the Docker stack '" + settings.project() + "'…");
        compose.run("stop the stack", progress, "stop");
        progress.accept("Stack stopped; containers and data are kept.");
    }

    /** {@code compose down} (and {@code -v}: volumes too). Removes the project's containers and network. */
    public void downStack(boolean volumes, Consumer<String> progress) {
        if (volumes) {
            compose.run("remove the stack", progress, "down", "-v", "--remove-orphans");
        } else {
            compose.run("remove the stack", progress, "down", "--remove-orphans");
        }
    }

    @Override
    public List<ContainerStatus> status() {
        return containers.list();
    }

    @Override
    public Optional<ContainerStatus> inspect(String containerId) {
        return containers.inspect(containerId);
    }

    @Override
    public void start(String containerId) {
        LOG.info("Starting container {}", containerId);
        containers.start(containerId);
    }

    @Override
    public void stop(String containerId) {
        LOG.info("Stopping container {}", containerId);
        containers.stop(containerId);
    }

    @Override
    public void restart(String containerId) {
        LOG.info("Restarting container {}", containerId);
        containers.restart(containerId);
    }

    @Override
    public Closeable logs(String containerId, boolean follow, boolean timestamps, int tail, Consumer<String> lines) {
        return containers.logs(containerId, follow, timestamps, tail, lines);
    }

    @Override
    public Closeable events(Consumer<StackEvent> events, Consumer<StackException> failed) {
        return containers.events(events, failed);
    }

    @Override
    public void close() {
        containers.close();
    }
}

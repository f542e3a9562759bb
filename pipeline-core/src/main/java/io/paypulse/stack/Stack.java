package io.paypulse.stack;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Docker stack as the app sees it. Every method blocks (Docker and compose calls): call it
 * off the UI thread. Failures a user can cause are {@link StackException}s with one sentence.
 * Stream callbacks ({@link #logs}, {@link #events}) run on Docker client threads.
 */
public interface Stack extends AutoCloseable {

    /** The Docker engine address, e.g. {@code unix:///var/run/docker.sock}. */
    String endpoint();

    /** The compose project name. */
    String project();

    /**
     * Creates what is missing and starts the stack ({@code compose up -d}), then waits until every
     * container is running and every healthcheck healthy. {@code progress} receives sentences such
     * as "kafka2 healthy (3 of 6)".
     */
    List<ContainerStatus> startStack(Consumer<String> progress);

    /** Stops every container ({@code compose stop}); containers and volumes stay, so data stays. */
    void stopStack(Consumer<String> progress);

    /** The project's containers now. */
    List<ContainerStatus> status();

    /** One container now, or empty if it is gone; after an event, to refresh its row. */
    Optional<ContainerStatus> inspect(String containerId);

    void start(String containerId);

    void stop(String containerId);

    void restart(String containerId);

    /**
     * Streams a container's output line by line; close the handle to end it.
     *
     * @param tail past lines to send first (negative: all)
     */
    Closeable logs(String containerId, boolean follow, boolean timestamps, int tail, Consumer<String> lines);

    /** Docker events about the project's containers; {@code failed} gets a sentence if the stream breaks. */
    Closeable events(Consumer<StackEvent> events, Consumer<StackException> failed);

    @Override
    void close();
}

package io.paypulse.app.stack;

import io.paypulse.stack.ContainerStatus;
import io.paypulse.stack.Stack;
import io.paypulse.stack.StackEvent;
import io.paypulse.stack.StackException;
import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A Stack held in memory: tests set containers, emit events and make calls fail. */
final class FakeStack implements Stack {

    final Map<String, ContainerStatus> containers = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    StackException failNext;
    StackException failEvents;
    Consumer<StackEvent> events;
    Consumer<String> logLines;
    int logsOpened;
    boolean lastTimestamps;
    int eventsClosed;
    int logsClosed;

    @Override
    public String endpoint() {
        return "unix:///var/run/docker.sock";
    }

    @Override
    public String project() {
        return "paypulse";
    }

    void put(ContainerStatus c) {
        containers.put(c.id(), c);
    }

    /** An event as Docker would send it, after the container's state changed. */
    void emit(String id, String action) {
        events.accept(new StackEvent(id, containers.containsKey(id) ? containers.get(id).service() : "", action,
                Instant.EPOCH));
    }

    private void maybeFail() {
        if (failNext != null) {
            StackException e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public List<ContainerStatus> startStack(Consumer<String> progress) {
        calls.add("startStack");
        maybeFail();
        progress.accept("web healthy (1 of 2)");
        progress.accept("Stack ready: 2 containers in 3.0 s");
        return List.copyOf(containers.values());
    }

    @Override
    public void stopStack(Consumer<String> progress) {
        calls.add("stopStack");
        maybeFail();
        progress.accept("Stack stopped; containers and data are kept.");
    }

    @Override
    public List<ContainerStatus> status() {
        calls.add("status");
        maybeFail();
        return List.copyOf(containers.values());
    }

    @Override
    public Optional<ContainerStatus> inspect(String containerId) {
        calls.add("inspect " + containerId);
        maybeFail();
        return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public void start(String containerId) {
        calls.add("start " + containerId);
        maybeFail();
    }

    @Override
    public void stop(String containerId) {
        calls.add("stop " + containerId);
        maybeFail();
    }

    @Override
    public void restart(String containerId) {
        calls.add("restart " + containerId);
        maybeFail();
    }

    @Override
    public Closeable logs(String containerId, boolean follow, boolean timestamps, int tail, Consumer<String> lines) {
        maybeFail();
        logsOpened++;
        lastTimestamps = timestamps;
        logLines = lines;
        return () -> logsClosed++;
    }

    @Override
    public Closeable events(Consumer<StackEvent> events, Consumer<StackException> failed) {
        if (failEvents != null) {
            throw failEvents;
        }
        this.events = events;
        return () -> eventsClosed++;
    }

    @Override
    public void close() {
    }
}

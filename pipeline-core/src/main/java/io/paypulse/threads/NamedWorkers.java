package io.paypulse.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production {@link Workers}: named daemon threads that log an escaping exception once. A listener sees
 * every thread made (before it starts), which is how a test records them.
 */
public final class NamedWorkers implements Workers {

    static final Workers STANDARD = new NamedWorkers(t -> { });

    private static final Logger LOG = LoggerFactory.getLogger(NamedWorkers.class);

    private final Consumer<Thread> made;

    /** @param made told of every thread this creates, before it runs (tests record them) */
    public NamedWorkers(Consumer<Thread> made) {
        this.made = made;
    }

    @Override
    public Thread start(String name, Runnable task) {
        Thread t = thread(name, task, true);
        t.start();
        return t;
    }

    @Override
    public Thread shutdownHook(String name, Runnable task) {
        return thread(name, task, false);
    }

    @Override
    public ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(factory(name));
    }

    @Override
    public ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(factory(name));
    }

    private ThreadFactory factory(String name) {
        String base = name;
        AtomicInteger n = new AtomicInteger();
        return r -> thread(n.getAndIncrement() == 0 ? base : base + "-" + n.get(), r, true);
    }

    private Thread thread(String name, Runnable task, boolean daemon) {
        Thread t = new Thread(task, name);
        t.setDaemon(daemon);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("Thread {} stopped on an unexpected error", th.getName(), e));
        made.accept(t);
        return t;
    }
}

package io.paypulse.testing;

import io.paypulse.threads.NamedWorkers;
import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link Workers} that remembers every thread it made (executor threads included), so a test can stop
 * a component and check that each of them has ended: a thread still alive then is a leak a user sees as
 * a JVM that does not exit or CPU spent after Stop.
 */
public final class RecordingWorkers implements Workers {

    private final List<Thread> made = new CopyOnWriteArrayList<>();
    private final Workers named = new NamedWorkers(made::add);

    @Override
    public Thread start(String name, Runnable task) {
        return named.start(name, task);
    }

    @Override
    public Thread shutdownHook(String name, Runnable task) {
        return named.shutdownHook(name, task);
    }

    @Override
    public ExecutorService single(String name) {
        return named.single(name);
    }

    @Override
    public ScheduledExecutorService scheduled(String name) {
        return named.scheduled(name);
    }

    /** Names of every thread made so far, in order. */
    public List<String> names() {
        return made.stream().map(Thread::getName).toList();
    }

    /**
     * Waits (joining each thread, at most {@code within} in all) for every thread made so far to end.
     *
     * @return the names of those still alive, with what each is doing (empty: none leaked)
     */
    public List<String> stillAliveAfter(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread t : made) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
        return made.stream().filter(Thread::isAlive)
                .map(t -> t.getName() + " " + t.getState() + " at " + List.of(t.getStackTrace())).toList();
    }
}

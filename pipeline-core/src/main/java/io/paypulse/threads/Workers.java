package io.paypulse.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where every PayPulse thread comes from (issue 14 §4). Components receive one through their constructor,
 * so a composition root decides how threads are made and a test can check that each one has ended after
 * stop (a leaked thread is a JVM that does not exit, or CPU spent after Stop).
 *
 * <p>Threads are named as asked (an executor's later threads {@code <name>-2}, ...): keep names within
 * 15 characters where you can, as {@code top -H} and {@code /proc} cut them there
 * and are daemons, so a stuck background task never keeps the JVM alive; an exception that escapes a task
 * is logged once. Whoever asks for a thread or executor owns it and stops it.
 */
public interface Workers {

    /** Starts {@code task} on a new daemon thread named {@code name}. */
    Thread start(String name, Runnable task);

    /** An unstarted thread for {@link Runtime#addShutdownHook(Thread)}: the JVM starts it on exit. */
    Thread shutdownHook(String name, Runnable task);

    /** A single-thread executor; its thread starts with the first task. The caller shuts it down. */
    ExecutorService single(String name);

    /** A single-thread scheduled executor; its thread starts with the first task. The caller shuts it down. */
    ScheduledExecutorService scheduled(String name);

    /** The production implementation, shared by everything that is not given another. */
    static Workers standard() {
        return NamedWorkers.STANDARD;
    }
}

package io.paypulse.cli;

import io.paypulse.threads.Workers;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (or any JVM exit) closes the resource from a shutdown hook and releases {@link #await()}.
 * {@link #release()} lets {@link #await()} return without closing (e.g. the processor failed: the
 * command then closes the resource itself and exits non-zero). {@link #disarm()} removes the hook once
 * the command finished on its own.
 */
final class ShutdownLatch {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    ShutdownLatch(AutoCloseable resource, Workers workers) {
        // Close first, then release await(): the command's own close (try-with-resources) must find
        // the resource already closed, not race the hook on it.
        hook = workers.shutdownHook("paypulse-shutdown", () -> {
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ShutdownLatch.class).warn("Error while stopping: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void await() throws InterruptedException {
        stopped.await();
    }

    /** Releases {@link #await()} now; safe from any thread, any number of times. */
    void release() {
        stopped.countDown();
    }

    void disarm() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }
}

package io.paypulse.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C (or any JVM exit) closes the resource from a shutdown hook and releases {@link #await()}.
 * {@link #disarm()} removes the hook once the command finished on its own.
 */
final class ShutdownLatch {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    ShutdownLatch(AutoCloseable resource) {
        // Close first, then release await(): the command's own close (try-with-resources) must find
        // the resource already closed, not race the hook on it.
        hook = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ShutdownLatch.class).warn("Error while stopping: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "paypulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void await() throws InterruptedException {
        stopped.await();
    }

    void disarm() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }
}

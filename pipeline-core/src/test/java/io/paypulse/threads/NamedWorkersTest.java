package io.paypulse.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.RecordingWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Threads a user reads in jstack and logs as PayPulse's, that never keep the JVM alive. */
class NamedWorkersTest {

    private final RecordingWorkers workers = new RecordingWorkers();

    @Test
    void aStartedThreadIsANamedDaemonThatLogsWhatEscapesIt() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The thread waits until checked: a terminated thread reports no handler at all (null).
        Thread t = workers.start("generator", () -> {
            ran.countDown();
            awaitQuietly(release);
        });

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(t.getName()).isEqualTo("generator");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getUncaughtExceptionHandler()).as("our handler, not the thread group's")
                .isNotNull().isNotSameAs(t.getThreadGroup());
        release.countDown();
        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void anExecutorNamesItsLaterThreadsWithACount() throws Exception {
        ExecutorService single = workers.single("notify-ops");
        // A task that throws out of execute() kills the worker; the executor makes a second thread.
        single.execute(() -> {
            throw new IllegalStateException("boom (expected in this test)");
        });
        CountDownLatch second = new CountDownLatch(1);
        single.execute(second::countDown);
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        single.shutdown();
        assertThat(single.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(workers.names()).containsExactly("notify-ops", "notify-ops-2");
        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aShutdownHookIsLeftForTheJvmToStart() {
        Thread hook = workers.shutdownHook("shutdown", () -> { });

        assertThat(hook.getName()).isEqualTo("shutdown");
        assertThat(hook.getState()).isEqualTo(Thread.State.NEW);
    }

    @Test
    void aScheduledExecutorsThreadIsRecordedAndEndsWhenShutDown() throws Exception {
        ScheduledExecutorService scheduled = workers.scheduled("lag-meters");
        CountDownLatch ticked = new CountDownLatch(2);
        scheduled.scheduleWithFixedDelay(ticked::countDown, 0, 10, TimeUnit.MILLISECONDS);
        assertThat(ticked.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(workers.stillAliveAfter(Duration.ofMillis(50))).as("still running before shutdown")
                .singleElement().asString().startsWith("lag-meters");
        scheduled.shutdownNow();
        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

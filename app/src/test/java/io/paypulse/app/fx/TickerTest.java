package io.paypulse.app.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickerTest {

    @Test
    void aTickWaitingForTheUiThreadIsNotQueuedAgain() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
        AtomicInteger snapshots = new AtomicInteger();
        List<Integer> rendered = new ArrayList<>();
        try (Ticker<Integer> t = new Ticker<>(scheduler, uiQueue::add, Duration.ofMillis(10),
                snapshots::incrementAndGet, rendered::add)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> uiQueue.size() == 1);
            // The "UI thread" is busy: more periods pass, but no second snapshot is taken or queued.
            int before = snapshots.get();
            await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(uiQueue).hasSize(1);
            assertThat(snapshots.get()).isEqualTo(before);

            uiQueue.poll().run();
            assertThat(rendered).containsExactly(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> uiQueue.size() == 1);
        } finally {
            scheduler.shutdownNow();
        }
    }
}

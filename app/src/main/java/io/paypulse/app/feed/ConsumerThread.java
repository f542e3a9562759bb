package io.paypulse.app.feed;

import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread of a Kafka consumer loop in the app, and its stop: {@link #stop()} wakes the
 * registered consumer and waits for the loop to end; only a thread still busy after 5 s is interrupted
 * (interrupting at once would hit the consumer's own close and make Kafka log "Failed to close fetcher"
 * with a stack trace, seen when the packaged app got SIGTERM). Waiting for a topic to appear ends at once
 * on stop too. Start once; stop is idempotent and may be called from any thread.
 */
public final class ConsumerThread {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerThread.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** Between looks for a topic the processor or a notifier has not created yet: not a tight loop. */
    private static final Duration TOPIC_LOOK_INTERVAL = Duration.ofSeconds(1);

    /** The loop; it returns when {@link #stopping()} turns true. */
    public interface Loop {
        void run() throws Exception;
    }

    /** What to do with a failure that ended the loop while not stopping (log it, show it). */
    public interface Failure {
        void handle(Exception e);
    }

    private final String name;
    private final String what;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Consumer<?, ?> consumer;
    private final Workers workers;
    private Thread thread;

    /**
     * @param name the thread's name, e.g. {@code topic-feed}
     * @param what the loop in a log line, e.g. {@code The live feed}
     */
    public ConsumerThread(String name, String what) {
        this(name, what, Workers.standard());
    }

    /** @param workers where the thread ({@code paypulse-<name>}) comes from */
    public ConsumerThread(String name, String what, Workers workers) {
        this.name = name;
        this.what = what;
        this.workers = workers;
    }

    /**
     * Runs {@code loop} on a new daemon thread, once (a second call does nothing). A {@link WakeupException}
     * or interrupt ends it quietly; any other failure goes to {@code onFailure} unless stopping.
     */
    public synchronized void start(Loop loop, Failure onFailure) {
        if (thread != null) {
            return;
        }
        thread = workers.start(name, () -> {
            try {
                loop.run();
            } catch (WakeupException | InterruptedException e) {
                // closing
            } catch (Exception e) {
                if (!stopping) {
                    onFailure.handle(e);
                }
            } finally {
                finished.countDown();
            }
        });
    }

    public boolean stopping() {
        return stopping;
    }

    /**
     * The consumer {@link #stop()} wakes; call it right after creating the consumer on this thread.
     *
     * @return false if stopping already (the loop should return)
     */
    public boolean register(Consumer<?, ?> c) {
        consumer = c;
        return !stopping;
    }

    /**
     * The partitions of all {@code topics}, once every one of them exists, looking once a second until
     * then; {@code onFirstWait} runs when the first look misses. Empty only if stopped while waiting.
     */
    public List<TopicPartition> awaitPartitions(Consumer<?, ?> c,
                                                List<String> topics, Runnable onFirstWait) throws InterruptedException {
        boolean waited = false;
        while (!stopping) {
            List<TopicPartition> parts = new ArrayList<>();
            int present = 0;
            for (String topic : topics) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    present++;
                    infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            if (present == topics.size()) {
                return parts;
            }
            if (!waited) {
                onFirstWait.run();
                waited = true;
            }
            stopSignal.await(TOPIC_LOOK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return List.of();
    }

    /** True once the loop has ended (returned, failed or stopped). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes the consumer and waits for the loop, interrupting it after 5 s, giving up after 10 s. */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        Consumer<?, ?> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            if (!finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                t.interrupt();
                if (!finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {} s", what, 2 * STOP_WAIT.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

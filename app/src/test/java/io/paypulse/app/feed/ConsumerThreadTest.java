package io.paypulse.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerThreadTest {

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<Exception> failures = new CopyOnWriteArrayList<>();

    @Test
    void aStopEndsTheWaitForAMissingTopicWithoutInterruptingIt() throws Exception {
        ConsumerThread thread = new ConsumerThread("test-wait", "The test loop");
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<List<TopicPartition>> found = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        thread.start(() -> {
            thread.register(consumer);
            found.set(thread.awaitPartitions(consumer, List.of("absent"), waiting::countDown));
            interrupted.set(Thread.currentThread().isInterrupted());
        }, failures::add);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        thread.stop();

        assertThat(thread.awaitDone(Duration.ZERO)).as("ended when stop returned").isTrue();
        assertThat(found.get()).isEmpty();
        assertThat(interrupted.get()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void partitionsComeOnlyOnceEveryTopicExists() throws Exception {
        consumer.updatePartitions("a", List.of(partition("a", 0), partition("a", 1)));
        ConsumerThread thread = new ConsumerThread("test-topics", "The test loop");
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<List<TopicPartition>> found = new AtomicReference<>();
        thread.start(() -> found.set(thread.awaitPartitions(consumer, List.of("a", "b"), waiting::countDown)),
                failures::add);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        consumer.updatePartitions("b", List.of(partition("b", 0)));

        assertThat(thread.awaitDone(Duration.ofSeconds(10))).isTrue();
        assertThat(found.get()).containsExactly(new TopicPartition("a", 0), new TopicPartition("a", 1),
                new TopicPartition("b", 0));
        thread.stop();
    }

    @Test
    void aStopWakesAPollingConsumerAndIsNoFailure() throws Exception {
        ConsumerThread thread = new ConsumerThread("test-poll", "The test loop");
        CountDownLatch polling = new CountDownLatch(1);
        thread.start(() -> {
            if (!thread.register(consumer)) {
                return;
            }
            while (!thread.stopping()) {
                consumer.poll(Duration.ofMillis(100));
                polling.countDown();
            }
        }, failures::add);
        assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();

        thread.stop();

        assertThat(thread.awaitDone(Duration.ZERO)).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailureWhileRunningReachesTheHandler() throws Exception {
        ConsumerThread thread = new ConsumerThread("test-fail", "The test loop");
        thread.start(() -> {
            throw new IllegalStateException("broken");
        }, failures::add);

        assertThat(thread.awaitDone(Duration.ofSeconds(10))).isTrue();
        assertThat(failures).extracting(Exception::getMessage).containsExactly("broken");
    }

    private static PartitionInfo partition(String topic, int p) {
        return new PartitionInfo(topic, p, Node.noNode(), new Node[0], new Node[0]);
    }
}

package io.paypulse.pipeline;

import io.paypulse.process.ProcessorStats;
import io.paypulse.process.ProcessorService;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when a bounded run has finished: every raw event was consumed by the processor, every
 * event is in a final window, the DLQ or counted late, and the CSV sinks have written it all.
 */
public final class Completion {

    private Completion() {
    }

    /**
     * Polls until the run is complete or the timeout passes: the raw topic fully committed, no
     * window open, and at least {@code sentEvents} events finalized, rejected or late in this
     * processor (for a resumed run, those it had not committed when it started; see
     * {@link BoundedRun#eventsToAccountFor()}).
     *
     * @return true when complete
     */
    public static boolean await(Admin admin, String applicationId, ProcessorService processor, long sentEvents,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (processor.failure() != null) {
                return false;
            }
            ProcessorStats s = processor.stats();
            boolean windowed = s.openWindowCount() == 0
                    && s.finalizedEventCount() + s.lateCount() + s.rejectedCount() >= sentEvents;
            if (windowed && rawLag(admin, applicationId) == 0) {
                return processor.awaitSinksCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            Thread.sleep(200); // polling progress of other threads and of the cluster
        }
        return false;
    }

    /** Events on the raw topic the processor's group has not committed yet; -1 if unknown. */
    static long rawLag(Admin admin, String applicationId) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.RAW).partitions()
                    .forEach(p -> request.put(new TopicPartition(Topics.RAW, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }
}

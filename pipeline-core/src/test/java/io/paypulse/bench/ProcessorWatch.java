package io.paypulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.WindowAggregate;
import io.paypulse.json.Mappers;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a running {@code paypulse process} through its external interfaces only, so it works
 * whatever the processor's insides: its consumer group's committed offsets on {@code payment}
 * (all parsed), the parsed CSV sink's checkpoint file {@code .paypulse-sink-parsed.checkpoint}
 * (the enriched CSV durable: its offsets reach the end offsets of the topic it names, whichever
 * topic that is), and the final aggregates on {@code payment-agg-1m}, each kept once (a second
 * final for the same window and group is an error).
 */
final class ProcessorWatch implements AutoCloseable {

    static final String PARSED_CHECKPOINT = ".paypulse-sink-parsed.checkpoint";

    private final Admin admin;
    private final AggregateFollower follower;
    private final Map<WindowGroundTruth.Key, WindowAggregate> finals = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();

    ProcessorWatch(Admin admin, String bootstrap) throws InterruptedException {
        this.admin = admin;
        this.follower = new AggregateFollower(bootstrap, (at, a) -> {
            if (a.isFinal() && finals.putIfAbsent(WindowGroundTruth.keyOf(a), a) != null) {
                synchronized (errors) {
                    errors.add("a second final aggregate for " + WindowGroundTruth.keyOf(a));
                }
            }
        });
        follower.start(); // from the topic's current end: only what the next processor run emits
    }

    Map<WindowGroundTruth.Key, WindowAggregate> finals() {
        return finals;
    }

    /** Fails when a final was emitted twice or the follower died. */
    void requireHealthy() {
        synchronized (errors) {
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the processor's output is wrong: " + errors);
            }
        }
        if (follower.failure() != null) {
            throw new IllegalStateException("the aggregate follower failed", follower.failure());
        }
    }

    /** True once every expected window × group has its final aggregate. */
    boolean allFinal(WindowGroundTruth truth) {
        return finals.keySet().containsAll(truth.expected().keySet());
    }

    /** The sum of group {@code applicationId}'s committed offsets on {@code payment} (records processed and committed). */
    long committed(String applicationId) throws Exception {
        return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.RAW) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** True once group {@code applicationId}'s committed offsets on {@code payment} reach its end offsets. */
    boolean allParsed(String applicationId) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(Topics.RAW);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the parsed CSV sink's checkpoint in {@code outputDir} has reached the (committed)
     * end offsets of the topic it names. Only meaningful once all is parsed, as that topic may be
     * one the processor still writes to.
     */
    boolean csvDurable(Path outputDir) throws Exception {
        JsonNode cp;
        try {
            cp = Mappers.json().readTree(Files.readAllBytes(outputDir.resolve(PARSED_CHECKPOINT)));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // being replaced right now (the sink writes a temp file and moves it)
        }
        String topic = cp.path("topic").asText();
        JsonNode offsets = cp.path("offsets");
        for (Map.Entry<TopicPartition, Long> e : endOffsets(topic).entrySet()) {
            long at = offsets.path(Integer.toString(e.getKey().partition())).asLong(0);
            if (at < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Last stable offsets (read_committed) of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }
}

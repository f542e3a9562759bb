package io.paypulse.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Looks at a consumer group's progress on one topic with a fresh admin client per look, bounded by
 * a short timeout so a health check answers even when the cluster does not. A client per look
 * (a few per minute from a health checker) keeps nothing open between looks.
 */
public final class GroupProbe {

    private final Map<String, Object> adminProps;
    private final String groupId;
    private final String topic;
    private final Duration timeout;

    public GroupProbe(Map<String, Object> adminProps, String groupId, String topic, Duration timeout) {
        this.adminProps = new HashMap<>(adminProps);
        int ms = (int) timeout.toMillis();
        this.adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        this.adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        this.groupId = groupId;
        this.topic = topic;
        this.timeout = timeout;
    }

    public GroupProgress look() {
        long ms = timeout.toMillis();
        try (Admin admin = Admin.create(adminProps)) {
            admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
                    .get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest()));
            long sum = 0;
            long lag = 0;
            for (var e : admin.listOffsets(request).all().get(ms, TimeUnit.MILLISECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long at = c == null ? 0 : c.offset();
                sum += at;
                lag += Math.max(0, e.getValue().offset() - at);
            }
            return GroupProgress.of(sum, lag);
        } catch (TimeoutException e) {
            return GroupProgress.unreachable("the Kafka cluster did not answer within " + ms + " ms");
        } catch (ExecutionException e) {
            return GroupProgress.unreachable("the Kafka cluster could not be asked: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GroupProgress.unreachable("interrupted");
        } catch (RuntimeException e) {
            return GroupProgress.unreachable("the Kafka cluster could not be asked: " + e.getMessage());
        }
    }
}

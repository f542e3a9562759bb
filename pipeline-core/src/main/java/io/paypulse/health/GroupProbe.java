package io.paypulse.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
 * Looks at a consumer group's progress on one topic, each look bounded by a short timeout so a health
 * check answers even when the cluster does not.
 *
 * <p>One admin client serves every look: it knows the cluster's brokers after its first answer and
 * asks the live ones. A fresh client per look bootstrapped from a random address of the list, and
 * with one of three brokers stopped most looks spent their whole timeout connecting to it and said
 * DOWN (GroupProbeIT). Connection set-up is bounded to a third of the timeout for the same reason.
 */
public final class GroupProbe implements AutoCloseable {

    private final Map<String, Object> adminProps;
    private final String groupId;
    private final String topic;
    private final Duration timeout;
    private Admin admin;

    public GroupProbe(Map<String, Object> adminProps, String groupId, String topic, Duration timeout) {
        this.adminProps = new HashMap<>(adminProps);
        int ms = (int) timeout.toMillis();
        this.adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        this.adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        this.adminProps.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.max(100, ms / 3));
        this.adminProps.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.max(100, ms / 3));
        this.groupId = groupId;
        this.topic = topic;
        this.timeout = timeout;
    }

    public synchronized GroupProgress look() {
        long ms = timeout.toMillis();
        try {
            if (admin == null) {
                admin = Admin.create(adminProps);
            }
            admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
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

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}

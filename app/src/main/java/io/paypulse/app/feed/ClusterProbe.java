package io.paypulse.app.feed;

import io.paypulse.event.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the processor's consumer lag on the raw topic: end offsets minus the committed offsets of
 * the processor's group. Called every 2 s from a scheduler thread, never from the FX thread; each
 * call is bounded by short timeouts so a dead cluster costs at most a few seconds per reading.
 */
public final class ClusterProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProbe.class);
    private static final long TIMEOUT_MS = 1500;

    private final Admin admin;
    private final String group;
    private final Clock clock;
    private boolean warned;

    public ClusterProbe(Map<String, Object> clientProps, String processorGroup, Clock clock) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS * 2);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(p);
        this.group = processorGroup;
        this.clock = clock;
    }

    public ProbeSample read() {
        try {
            TopicDescription raw = admin.describeTopics(java.util.List.of(Topics.RAW)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(Topics.RAW);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            raw.partitions().forEach(p -> latest.put(new TopicPartition(Topics.RAW, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            boolean any = false;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (c != null) {
                    any = true;
                    lag += Math.max(0, e.getValue().offset() - c.offset());
                } else {
                    lag += e.getValue().offset();
                }
            }
            warned = false;
            return new ProbeSample(clock.instant(), any ? lag : -1, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeSample(clock.instant(), -1, false);
        } catch (Exception e) {
            if (!warned) {
                LOG.info("Cluster probe failed (further failures not logged until it recovers): {}", e.toString());
                warned = true;
            }
            return new ProbeSample(clock.instant(), -1, false);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}

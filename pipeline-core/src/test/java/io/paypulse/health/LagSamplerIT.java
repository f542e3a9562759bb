package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.SharedBroker;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lag per partition on a real broker: records with known timestamps, a group whose committed offsets
 * leave exactly one partition behind, and a sampler whose clock is fixed, so "how old is the oldest
 * unprocessed record" has one right answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LagSamplerIT {

    private static final long SECOND = 1000;

    @Test
    void namesThePartitionBehindWithItsRecordsAndTheAgeOfItsOldestUnprocessedRecord() throws Exception {
        String topic = "lag-sampler-it-" + UUID.randomUUID();
        String group = "lag-sampler-it-group-" + UUID.randomUUID();
        SharedBroker.createTopics(Map.of(topic, 3));
        // Ten minutes back: well inside retention, and far from "now" so a wrong clock would show.
        long t0 = (System.currentTimeMillis() - 10 * 60 * SECOND) / SECOND * SECOND;
        int[] sent = {5, 10, 3};
        produce(topic, sent, t0);
        int behindBy = 6;
        long oldestUnprocessed = t0 + 1 * 100 * SECOND + (sent[1] - behindBy) * SECOND; // record 4 of partition 1
        commit(group, Map.of(new TopicPartition(topic, 0), 5L, new TopicPartition(topic, 1),
                (long) (sent[1] - behindBy), new TopicPartition(topic, 2), 3L));
        Instant now = Instant.ofEpochMilli(oldestUnprocessed + 42_500);

        try (LagSampler sampler = new LagSampler(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrapServers()), group, topic, Duration.ofSeconds(5), Clock.fixed(now, ZoneOffset.UTC))) {
            LagReport report = sampler.sample();

            assertThat(report.problem()).isNull();
            assertThat(report.committed()).isTrue();
            assertThat(report.rows()).extracting(PartitionLagRow::partition).containsExactly(0, 1, 2);
            assertThat(report.behind()).map(PartitionLagRow::partition).contains(1);
            PartitionLagRow p1 = report.rows().get(1);
            assertThat(p1.records()).isEqualTo(behindBy);
            assertThat(p1.oldestMs()).isEqualTo(oldestUnprocessed);
            // The clock is fixed: the age is exact, no tolerance for scheduling needed.
            assertThat(p1.lagMillis()).isEqualTo(42_500);
            for (int caughtUp : new int[] {0, 2}) {
                PartitionLagRow r = report.rows().get(caughtUp);
                assertThat(r.records()).as("partition %d records", caughtUp).isZero();
                assertThat(r.lagMillis()).as("partition %d age", caughtUp).isZero();
                assertThat(r.committed()).isEqualTo(sent[caughtUp]);
            }
            assertThat(report.records()).isEqualTo(behindBy);
            assertThat(report.lagMillis()).isEqualTo(42_500);

            // The processor catches up on partition 1: the same sampler now says so.
            commit(group, Map.of(new TopicPartition(topic, 1), (long) sent[1]));
            LagReport after = sampler.sample();
            assertThat(after.caughtUp()).isTrue();
            assertThat(after.behind()).isEmpty();
            assertThat(after.lagMillis()).isZero();
        }
    }

    @Test
    void aGroupThatNeverCommittedCountsFromTheLogStartAndSaysSo() throws Exception {
        String topic = "lag-sampler-it-" + UUID.randomUUID();
        SharedBroker.createTopics(Map.of(topic, 3));
        long t0 = (System.currentTimeMillis() - 5 * 60 * SECOND) / SECOND * SECOND;
        produce(topic, new int[] {0, 0, 2}, t0);
        Instant now = Instant.ofEpochMilli(t0 + 200 * SECOND + 1_000);
        try (LagSampler sampler = new LagSampler(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrapServers()), "never-" + UUID.randomUUID(), topic, Duration.ofSeconds(5),
                Clock.fixed(now, ZoneOffset.UTC))) {
            LagReport report = sampler.sample();
            assertThat(report.committed()).isFalse();
            assertThat(report.behind()).map(PartitionLagRow::partition).contains(2);
            assertThat(report.rows().get(2).committed()).isEqualTo(-1);
            assertThat(report.rows().get(2).lagMillis()).isEqualTo(1_000);
        }
    }

    @Test
    void aClusterThatDoesNotAnswerGivesOneSentenceWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LagSampler sampler = new LagSampler(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + closedPort), "g", "payment", Duration.ofSeconds(1), Clock.systemUTC())) {
            long t = System.nanoTime();
            LagReport report = sampler.sample();
            long tookMs = (System.nanoTime() - t) / 1_000_000;
            assertThat(report.reachable()).isFalse();
            assertThat(report.problem()).contains("did not answer within 1000 ms").endsWith(".");
            assertThat(tookMs).as("a sample costs about one timeout").isLessThan(5_000);
        }
    }

    /** Partition p gets {@code counts[p]} records, record i stamped t0 + p*100 s + i s. */
    private static void produce(String topic, int[] counts, long t0) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int part = 0; part < counts.length; part++) {
                for (int i = 0; i < counts[part]; i++) {
                    producer.send(new ProducerRecord<>(topic, part, t0 + part * 100 * SECOND + i * SECOND,
                            "k", "record " + i)).get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((tp, off) -> o.put(tp, new OffsetAndMetadata(off)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, o).all().get(10, TimeUnit.SECONDS);
        }
    }
}

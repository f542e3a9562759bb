package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.SharedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The lag a parse task relies on before it reports its partition idle, against a real broker and a
 * real Kafka Streams client whose stream thread is stuck with a fetched backlog (what a slow
 * transaction commit on a loaded cluster looks like). The Streams consumer's {@code records-lag}
 * metric, used before, reads 0 then: it is the lag after the latest fetch, and the backlog has been
 * fetched into the client's buffers. Idle marks sent on that 0 let the watermark overtake the
 * backlog (the Docker stack declared 17.6 % of a fresh start's events late).
 */
class StreamsConsumerLagIT {

    private static final int BACKLOG = 300;

    @Test
    void reportsTheRecordsAStuckStreamThreadHasFetchedButNotProcessedAndZeroOnceItHasCaughtUp() throws Exception {
        String topic = "lag-it-" + UUID.randomUUID();
        String app = "lag-it-app-" + UUID.randomUUID();
        SharedBroker.createTopics(Map.of(topic, 1));
        produce(topic, BACKLOG);

        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    @Override
                    public void process(Record<String, String> record) {
                        if (stuck.getCount() > 0) {
                            stuck.countDown();
                            awaitQuietly(release); // the stream thread is blocked, as in a long commit
                        }
                    }
                });
        Path stateDir = Files.createTempDirectory("lag-it-state");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                StreamsConsumerLag lag = new StreamsConsumerLag(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()), app)) {
            streams.start();
            assertThat(stuck.await(60, TimeUnit.SECONDS)).as("the first record reached the processor").isTrue();

            OptionalLong behind = Awaitility.await("a lag while the thread is stuck").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200)).until(() -> lag.of(topic, 0), OptionalLong::isPresent);
            System.out.printf("StreamsConsumerLagIT: stuck with %d records fetched: records-lag metric %s, "
                    + "StreamsConsumerLag %s%n", BACKLOG, recordsLagMetric(streams, topic), behind);
            assertThat(behind.getAsLong()).as("records not processed yet").isGreaterThanOrEqualTo(BACKLOG - 1);
            assertThat(lag.unprocessed(topic).orElse(-1)).as("unprocessed records of the topic").isGreaterThanOrEqualTo(BACKLOG - 1);

            release.countDown();
            Awaitility.await("lag 0 once processed and committed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> lag.of(topic, 0), l -> l.equals(OptionalLong.of(0)));
            assertThat(lag.unprocessed(topic)).hasValue(0);
        } finally {
            release.countDown();
        }
    }

    /** The metric the old implementation read: the Streams consumer's lag after its latest fetch. */
    private static Object recordsLagMetric(KafkaStreams streams, String topic) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("records-lag") && topic.equals(e.getKey().tags().get("topic")))
                .map(e -> e.getValue().metricValue()).findFirst().orElse("absent");
    }

    private static void produce(String topic, int n) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

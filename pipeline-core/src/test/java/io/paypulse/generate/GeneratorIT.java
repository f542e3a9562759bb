package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The generator against a real broker: every event acknowledged, keyed by user, parseable. */
class GeneratorIT {

    private static final String TOPIC = Topics.RAW;

    @Test
    void sendsExactlyTheRequestedEventsKeyedByUserAndAllParse() throws Exception {
        SharedBroker.createTopics(Map.of(TOPIC, 6));
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "generator-it");
        Map<TopicPartition, Long> before = endOffsets();
        try (Generator g = new Generator(props, GeneratorSettings.defaults().with(s -> {
            s.rate = 0;
            s.events = 5_000;
            s.seed = 11L;
        }), Clock.systemUTC())) {
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(60))).isTrue();
            assertThat(g.sent()).isEqualTo(5_000);
        }
        List<ConsumerRecord<String, byte[]>> records = readFrom(before);
        assertThat(records).hasSize(5_000);
        LogLineParser parser = new LogLineParser();
        Set<Integer> partitions = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            var parsed = parser.parse(r.value(), Instant.now());
            assertThat(parsed.rejection()).isNull();
            assertThat(r.key()).isEqualTo(parsed.event().userId());
            partitions.add(r.partition());
        }
        assertThat(partitions).as("user keys spread over partitions").hasSize(6);
    }

    @Test
    void withThePythonLogFormatWritesTheOriginalProjectsShapeThatStillParses() throws Exception {
        SharedBroker.createTopics(Map.of(TOPIC, 6));
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "generator-it-python");
        Map<TopicPartition, Long> before = endOffsets();
        try (Generator g = new Generator(props, GeneratorSettings.defaults().with(s -> {
            s.rate = 0;
            s.events = 200;
            s.seed = 12L;
            s.logFormat = "python";
        }),
                Clock.systemUTC())) {
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(60))).isTrue();
        }
        List<ConsumerRecord<String, byte[]>> records = readFrom(before);
        assertThat(records).hasSize(200);
        LogLineParser parser = new LogLineParser();
        for (ConsumerRecord<String, byte[]> r : records) {
            String json = new String(r.value(), StandardCharsets.US_ASCII);
            assertThat(json).matches("\\{\"timestamp\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00\", "
                    + "\"level\": \"(INFO|ERROR)\", \"message\": \".*\"}");
            var parsed = parser.parse(r.value(), Instant.now());
            assertThat(parsed.rejection()).isNull();
            StringBuilder iso = new StringBuilder();
            PythonLogFormat.isoformat(parsed.event().eventTime(), iso);
            assertThat(json).startsWith("{\"timestamp\": \"" + iso + "\", \"level\": \"" + parsed.event().level() + "\"");
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "generator-it-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> tps = c.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return c.endOffsets(tps);
        }
    }

    /** Everything written after the given offsets; other ITs may have written before. */
    private List<ConsumerRecord<String, byte[]>> readFrom(Map<TopicPartition, Long> before) {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> tps = List.copyOf(before.keySet());
            c.assign(tps);
            before.forEach(c::seek);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }
}

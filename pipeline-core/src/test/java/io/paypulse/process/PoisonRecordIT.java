package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;
import io.paypulse.json.Mappers;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poison records of issue 10 §1 against a real broker and exactly-once Streams: 900 KB of control
 * bytes (whose escaped DLQ copy was 5.4 MB, refused with RecordTooLargeException, which killed the
 * processor on every restart) and an event dated 1969 go to the DLQ, and the event behind them in the
 * same partition is processed; the processor never fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoisonRecordIT {

    @TempDir
    Path dir;

    @Test
    void poisonRecordsAreDeadLetteredOnTheRealBrokerAndTheEventBehindThemIsProcessed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String order = "order_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        byte[] controlBytes = new byte[900 * 1024];
        Arrays.fill(controlBytes, (byte) 0x01);
        PayPulseConfig base = PayPulseConfig.forCluster(SharedBroker.bootstrapServers(), dir);
        ProcessorSettings d = base.processor();
        PayPulseConfig config = base.withProcessor(d.with(b -> {
            b.applicationId = "poison-it-" + run;
            b.sinks = false;
            b.parsedTopic = true; // this test reads payment-parsed
        }));

        try (ProcessorService processor = new ProcessorService(config, List.of())) {
            processor.start(); // creates the topics
            try (KafkaProducer<String, byte[]> producer = producer()) {
                // One partition for all three, so the good event is behind the poison.
                producer.send(new ProducerRecord<>(Topics.RAW, 0, "poison-" + run, controlBytes)).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(Topics.RAW, 0, "old-" + run, line("1969-12-31T23:59:59Z", order + "x")
                        .getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(Topics.RAW, 0, "good-" + run,
                        line(Instant.now().toString(), order).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }

            Map<String, DeadLetter> dead = new HashMap<>();
            boolean parsed = false;
            try (KafkaConsumer<String, byte[]> consumer = committedReader(run)) {
                consumer.subscribe(List.of(Topics.PARSED, Topics.DLQ));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while ((!parsed || dead.size() < 2) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(Topics.DLQ) && r.key() != null && r.key().endsWith(run)) {
                            dead.put(r.key(), Mappers.json().readValue(r.value(), DeadLetter.class));
                        } else if (r.topic().equals(Topics.PARSED)
                                && Mappers.json().readValue(r.value(), ParsedEvent.class).orderId().equals(order)) {
                            parsed = true;
                        }
                    }
                    assertThat(processor.failure()).as("the processor's failure").isNull();
                }
            }
            assertThat(parsed).as("the event behind the poison records was processed").isTrue();
            assertThat(dead).containsOnlyKeys("poison-" + run, "old-" + run);
            DeadLetter big = dead.get("poison-" + run);
            assertThat(big.valueLength()).isEqualTo(controlBytes.length);
            assertThat(big.valueSha256()).isEqualTo(DeadLetter.sha256(controlBytes));
            assertThat(big.reason()).isEqualTo("value is 921600 bytes, more than the 16384-byte limit");
            assertThat(dead.get("old-" + run).reason()).startsWith("timestamp 1969-12-31T23:59:59Z is before 1970");
            assertThat(processor.failure()).isNull();
        }
    }

    private static String line(String timestamp, String order) {
        return "{\"timestamp\": \"" + timestamp + "\", \"level\": \"INFO\", \"message\": \"Payment successful for order "
                + order + ". Amount: $12.34. User: user_000777. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34\"}";
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "poison-it-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, byte[]> committedReader(String run) {
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "poison-it-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-it-reader-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props);
    }
}

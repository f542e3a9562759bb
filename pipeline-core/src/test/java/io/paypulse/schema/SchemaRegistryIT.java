package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.cli.Main;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.ParsedEvent;
import io.paypulse.generate.Generator;
import io.paypulse.json.Mappers;
import io.paypulse.process.ProcessorService;
import io.paypulse.testing.FakeSchemaRegistry;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema contract end to end on the shared embedded broker, with a real HTTP Schema Registry
 * (the test fake): the generator registers and writes the wire format, the processor reads it next
 * to plain JSON, resolves a compatible v2 it never saw, and sends an unknown id to the DLQ; an
 * incompatible schema is refused at registration and stops {@code paypulse generate} with exit 1.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SchemaRegistryIT {

    private static final int EVENTS = 300;

    @TempDir
    Path dir;

    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();
    private final String bootstrap = SharedBroker.bootstrapServers();

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void wireFormatAndPlainJsonShareTheTopicUnknownIdsGoToTheDlqAndACompatibleV2IsAccepted() throws Exception {
        SharedBroker.createTopics(Topics.partitionsByTopic(6));
        Map<TopicPartition, Long> rawStart = endOffsets(Topics.RAW);

        try (Generator g = new Generator(ClusterClients.base(bootstrap, Map.of(), "schema-it-generator"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = 0;
                    s.events = EVENTS;
                    s.seed = 31L;
                }), Clock.systemUTC(), registry.url())) {
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(90))).isTrue();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        int v1 = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());

        Set<String> expectedOrders = new HashSet<>();
        List<ConsumerRecord<String, byte[]>> written = readFrom(Topics.RAW, rawStart, EVENTS);
        assertThat(written).hasSize(EVENTS);
        for (ConsumerRecord<String, byte[]> r : written) {
            assertThat(r.value()[0]).as("magic byte").isEqualTo(WireFormat.MAGIC);
            assertThat(WireFormat.schemaId(r.value())).isEqualTo(v1);
            expectedOrders.add(orderOf(WireFormat.payload(r.value())));
        }

        String plainOrder = newOrderId();
        String v2Order = newOrderId();
        String unknownOrder = newOrderId();
        int v2 = client.register(Schemas.RAW_SUBJECT, SchemaTexts.withOptionalChannel());
        assertThat(v2).isNotEqualTo(v1);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, line(plainOrder, null));
            send(producer, WireFormat.frame(v2, line(v2Order, "web")));
            send(producer, WireFormat.frame(999, line(unknownOrder, null)));
        }
        expectedOrders.add(plainOrder);
        expectedOrders.add(v2Order);

        PayPulseConfig base = PayPulseConfig.forCluster(bootstrap, dir).withSchemaRegistryUrl(registry.url());
        ProcessorSettings d = base.processor();
        PayPulseConfig config = base.withProcessor(d.with(b -> {
            b.applicationId = "schema-it-" + UUID.randomUUID();
            b.sinks = false;
            b.parsedTopic = true; // this test reads payment-parsed
        }));
        try (ProcessorService processor = new ProcessorService(config, List.of())) {
            processor.start();
            Set<String> parsedOrders = new HashSet<>();
            DeadLetter unknown = null;
            try (KafkaConsumer<String, byte[]> parsed = committedReader(); KafkaConsumer<String, byte[]> dlq = committedReader()) {
                parsed.subscribe(List.of(Topics.PARSED));
                dlq.subscribe(List.of(Topics.DLQ));
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while ((!parsedOrders.containsAll(expectedOrders) || unknown == null) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : parsed.poll(Duration.ofMillis(200))) {
                        parsedOrders.add(Mappers.json().readValue(r.value(), ParsedEvent.class).orderId());
                    }
                    for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(50))) {
                        DeadLetter letter = Mappers.json().readValue(r.value(), DeadLetter.class);
                        if (letter.valueText() != null && letter.valueText().contains(unknownOrder)) {
                            unknown = letter;
                        }
                    }
                    assertThat(processor.failure()).isNull();
                }
            }
            assertThat(parsedOrders).containsAll(expectedOrders).doesNotContain(unknownOrder);
            assertThat(unknown).as("the record with the unknown schema id in the DLQ").isNotNull();
            assertThat(unknown.reason()).isEqualTo("unknown schema id 999: Schema Registry at " + registry.url()
                    + " refused to look up schema id 999 (HTTP 404, error 40403): Schema 999 not found.");
            assertThat(unknown.topic()).isEqualTo(Topics.RAW);
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedAtRegistrationAndGenerateExitsWithOneSentence() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        assertThatThrownBy(() -> client.register(Schemas.RAW_SUBJECT, SchemaTexts.withIntegerLevel()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("refused to register the schema under subject 'payment-value' (HTTP 409, error 409)");

        try (FakeSchemaRegistry stricter = FakeSchemaRegistry.start()) {
            stricter.preload(Schemas.RAW_SUBJECT, SchemaTexts.requiringChannel());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "generate",
                    "--bootstrap", bootstrap, "--schema-registry", stricter.url(), "--events", "5",
                    "--data-dir", dir.toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("paypulse: Schema Registry at " + stricter.url()
                    + " refused to register the schema under subject 'payment-value' (HTTP 409, error 409): Schema being "
                    + "registered is incompatible with an earlier schema for subject \"payment-value\", details: "
                    + "[required property 'channel' was removed].");
        }
    }

    private static String newOrderId() {
        return "order_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static byte[] line(String orderId, String channel) {
        String json = "{\"timestamp\": \"" + Instant.now() + "\", \"level\": \"INFO\", "
                + (channel == null ? "" : "\"channel\": \"" + channel + "\", ")
                + "\"message\": \"Payment successful for order " + orderId + ". Amount: $12.34. User: user_000777. "
                + "Payment ID: pay_0123456789abcdef. IP: 93.184.216.34\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String orderOf(byte[] json) throws Exception {
        String message = Mappers.json().readTree(json).get("message").asText();
        int i = message.indexOf("order_");
        return message.substring(i, i + 18);
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "schema-it-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, byte[]> producer, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RAW, "user_000777", value)).get(30, TimeUnit.SECONDS);
    }

    private KafkaConsumer<String, byte[]> reader() {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "schema-it-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    private KafkaConsumer<String, byte[]> committedReader() {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "schema-it-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "schema-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props);
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> c = reader()) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(c.endOffsets(tps));
        }
    }

    private List<ConsumerRecord<String, byte[]>> readFrom(String topic, Map<TopicPartition, Long> start, int atLeast) {
        try (KafkaConsumer<String, byte[]> c = reader()) {
            List<TopicPartition> tps = List.copyOf(start.keySet());
            c.assign(tps);
            start.forEach(c::seek);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (all.size() < atLeast && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }
}

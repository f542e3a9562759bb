package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.PaymentType;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.event.WindowAggregate;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.Schemas;
import io.paypulse.json.Mappers;
import io.paypulse.process.ProcessorService;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paypulse dlq list|show|redrive} against the real processor on the shared broker (issue 13 §3,
 * §5): bad records it dead-letters are grouped by category with exact counts; a record it could not
 * read for want of a Schema Registry, re-driven after the processor is restarted with one, counts once
 * in its final window, and a second re-drive still once.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DlqCommandIT {

    private static final String PAY = "Payment successful for order order_%012x. Amount: $%s. User: user_000777. "
            + "Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private int orders = (int) (System.nanoTime() & 0xffffff) << 8;

    @Test
    void listGroupsTheDeadLettersOfInjectedBadRecordsByCategoryWithExactCounts() throws Exception {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (ProcessorService processor = new ProcessorService(config("dlq-list-it-" + run, null), List.of());
             KafkaProducer<String, byte[]> producer = producer()) {
            processor.start();
            Instant now = Instant.now();
            send(producer, "bad-" + run, "not json at all");
            send(producer, "bad-" + run, "{\"timestamp\": \"" + now + "\", \"level\": \"INF");
            send(producer, "bad-" + run, "{\"timestamp\": 1733222400, \"level\": \"INFO\", \"message\": \"x\"}");
            send(producer, "wire-" + run, WireFormat.frame(7, line(now, "1.00").getBytes(StandardCharsets.UTF_8)));
            send(producer, "good-" + run, line(now, "2.00"));
            send(producer, "late-" + run, line(now.minus(Duration.ofMinutes(3)), "3.00")); // its window closed

            JsonNode listed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> json("dlq", "list", "--since", since.toString(), "--format", "json"),
                            n -> n.get("total").asLong() >= 5);
            assertThat(processor.failure()).isNull();
            JsonNode counts = listed.get("byCategory");
            assertThat(Map.of("unparseable", counts.get("unparseable").asLong(), "schema", counts.get("schema").asLong(),
                    "late", counts.get("late").asLong(), "registry", counts.get("registry").asLong(),
                    "other", counts.get("other").asLong()))
                    .isEqualTo(Map.of("unparseable", 2L, "schema", 1L, "late", 1L, "registry", 1L, "other", 0L));
            assertThat(listed.get("total").asLong()).isEqualTo(5);

            JsonNode schema = json("dlq", "list", "--since", since.toString(), "--reason", "schema", "--format", "json");
            assertThat(schema.get("records")).hasSize(1);
            JsonNode letter = schema.get("records").get(0);
            assertThat(letter.get("reason").asText()).isEqualTo("schema: $.timestamp: integer found, string expected");
            assertThat(letter.get("originTopic").asText()).isEqualTo(Topics.RAW);

            assertThat(run("dlq", "show", letter.get("deadLetter").asText())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Category     schema")
                    .contains("Origin       payment/0/" + letter.get("originOffset").asLong())
                    .contains("{\"timestamp\": 1733222400, \"level\": \"INFO\", \"message\": \"x\"}")
                    .contains("paypulse-dlq-category: schema");

            assertThat(run("dlq", "list", "--since", since.toString())).isZero();
            assertThat(out.toString()).startsWith("Dead letters since ")
                    .contains(": 5 (unparseable 2, schema 1, late 1, registry 1, other 0)");

            assertThat(run("dlq", "redrive", "--reason", "schema", "--since", since.toString())).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("paypulse: refusing to re-drive 1 dead letter to payment "
                    + "without --yes: there is no terminal to ask on.");
        }
    }

    @Test
    void aFixedUpRecordReDrivenTwiceCountsOnceInItsFinalWindow() throws Exception {
        // The window must stay open through a processor restart (~15 s): start early in a minute.
        await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().atZone(ZoneOffset.UTC).getSecond() < 35);
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant at = since.truncatedTo(ChronoUnit.SECONDS);
        Instant window = at.truncatedTo(ChronoUnit.MINUTES);
        String appId = "dlq-redrive-it-" + run;
        try (FakeSchemaRegistry registry = FakeSchemaRegistry.start();
             KafkaProducer<String, byte[]> producer = producer()) {
            int schemaId = registry.preload(Schemas.RAW_SUBJECT, Schemas.RAW.text());
            byte[] wire = WireFormat.frame(schemaId, line(at, "40.00").getBytes(StandardCharsets.UTF_8));
            // Processor A runs without the Schema Registry: the wire-format event goes to the DLQ.
            try (ProcessorService a = new ProcessorService(config(appId, null), List.of())) {
                a.start();
                for (int i = 0; i < 3; i++) {
                    send(producer, "plain-" + run, line(at, "10.00"));
                }
                send(producer, "wire-" + run, wire);
                await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                        .until(() -> json("dlq", "list", "--since", since.toString(), "--reason", "registry",
                                "--format", "json").get("matching").asLong() == 1);
            }
            // Fixed: processor B (same application, resumes where A committed) has the registry.
            try (ProcessorService b = new ProcessorService(config(appId, registry.url()), List.of())) {
                b.start();
                for (int redrive = 1; redrive <= 2; redrive++) {
                    assertThat(run("dlq", "redrive", "--reason", "registry", "--since", since.toString(), "--yes"))
                            .as(err.toString()).isZero();
                    assertThat(out.toString()).startsWith("Re-drove 1 dead letter to payment");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> b.stats().redriveDuplicateCount() == 1);
                WindowAggregate last = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> finalSuccessfulPayments(window), a -> a != null);
                assertThat(b.failure()).isNull();
                // Our 3 plain events and the re-driven one (once), plus whatever else the shared topic holds
                // for this minute, recounted here from the raw topic independently of the processor.
                long expected = recount(window, registry.url());
                assertThat(expected).isGreaterThanOrEqualTo(4);
                assertThat(last.eventCount()).isEqualTo(expected);
                assertThat(b.stats().redriveDuplicateCount()).isEqualTo(1);
            }
        }
    }

    /** The final successful-payments aggregate of {@code window}, or null while it is not there. */
    private static WindowAggregate finalSuccessfulPayments(Instant window) throws Exception {
        WindowAggregate found = null;
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.AGGREGATES)) {
            WindowAggregate a = Mappers.json().readValue(r.value(), WindowAggregate.class);
            if (a.isFinal() && a.start().equals(window) && a.type() == PaymentType.PAYMENT && !a.failed()) {
                found = a;
            }
        }
        return found;
    }

    /**
     * Successful payments of {@code window} on the raw topic as the processor should count them: plain
     * records read without a registry (processor A's view of what was there before the restart), each
     * re-drive identity once, read with the registry.
     */
    private static long recount(Instant window, String registryUrl) {
        RawEventReader plain = RawEventReader.local();
        RawEventReader withRegistry = RawEventReader.withRegistry(new SchemaRegistryClient(registryUrl), Duration.ofSeconds(2));
        Set<String> identities = new HashSet<>();
        long n = 0;
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.RAW)) {
            String identity = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REDRIVE_OF);
            if (identity != null && !identities.add(identity)) {
                continue;
            }
            ParseOutcome o = (identity == null ? plain : withRegistry).read(r.value(), Instant.now());
            if (o.isOk() && o.event().type() == PaymentType.PAYMENT && !o.event().failed()
                    && o.event().eventTime().truncatedTo(ChronoUnit.MINUTES).equals(window)) {
                n++;
            }
        }
        return n;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "dlq-it-reader");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(10))) {
                tps.add(new TopicPartition(topic, p.partition()));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private PayPulseConfig config(String applicationId, String registryUrl) {
        PayPulseConfig base = PayPulseConfig.forCluster(SharedBroker.bootstrapServers(), dir);
        ProcessorSettings d = base.processor();
        PayPulseConfig c = base.withProcessor(d.with(b -> {
            b.grace = Duration.ofSeconds(1);
            b.applicationId = applicationId;
            b.sinks = false;
        }));
        return registryUrl == null ? c : c.withSchemaRegistryUrl(registryUrl);
    }

    private String line(Instant at, String amount) {
        return "{\"timestamp\": \"" + at + "\", \"level\": \"INFO\", \"message\": \""
                + String.format(PAY, ++orders, amount) + "\"}";
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String value) throws Exception {
        send(producer, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** To partition 0, in order, so the late event sits behind the event that makes it late. */
    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RAW, 0, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "dlq-it-producer");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private JsonNode json(String... args) throws Exception {
        assertThat(run(args)).as(err.toString()).isZero();
        return Mappers.json().readTree(out.toString());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", SharedBroker.bootstrapServers(), "--data-dir", dir.resolve("cli").toString()));
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }
}

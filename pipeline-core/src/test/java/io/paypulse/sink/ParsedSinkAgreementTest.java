package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.Scenario;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.Schemas;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.json.Mappers;
import io.paypulse.process.PaymentTopology;
import io.paypulse.process.ProcessorStats;
import io.paypulse.process.StreamsSettings;
import io.paypulse.process.TopologyOptions;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The parsed CSV makes a row of exactly the raw records the processor publishes as parsed events, with the
 * same content, and of none it dead-letters: the processor's topology (through TopologyTestDriver, with
 * {@code payment-parsed} on) and the sink's {@link ParsedFormat} see the same records, built with the same
 * Schema Registry. The processor reads each record at its timestamp here (its wall clock = the record time),
 * which is when the two agree on the future-skew rule (decision 0001, addendum issue 11).
 */
class ParsedSinkAgreementTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String REFUND_FAILED = "Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. "
            + "User: user_010000. Reason: Transaction blocked by bank. IP: 8.8.8.8";

    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private record Raw(String key, byte[] value) {
    }

    @Test
    void theSinkMakesARowOfExactlyWhatTheProcessorPublishes() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        int id = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        RawEventReader reader = RawEventReader.withRegistry(client, Duration.ofMillis(500));
        List<Raw> corpus = corpus(id);

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "agreement-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.putAll(StreamsSettings.errorHandling(new ProcessorStats()));
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of()).withParsedTopic(true);
        ParsedFormat sink = new ParsedFormat(reader);
        int rows = 0;
        int rejected = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(PaymentTopology.build(options, new ProcessorStats(), reader),
                p, NOW)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.RAW, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, ParsedEvent> parsed = driver.createOutputTopic(Topics.PARSED,
                    Serdes.String().deserializer(), Topics.PARSED_VALUE.deserializer());
            TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            for (Raw r : corpus) {
                raw.pipeInput(r.key(), r.value(), NOW);
                List<ParsedEvent> published = parsed.readValuesToList();
                int deadLetters = dlq.readValuesToList().size();
                byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
                ParsedEvent row = sink.read(new ConsumerRecord<>(Topics.RAW, 0, 0, NOW.toEpochMilli(), TimestampType.CREATE_TIME,
                        -1, -1, key, r.value(), new RecordHeaders(), Optional.empty()));
                String shown = (r.key() == null ? "" : r.key().length() + "-char key, ")
                        + (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
                if (row == null) {
                    assertThat(published).as("processor published what the sink passes over: %s", shown).isEmpty();
                    assertThat(deadLetters).as("dead letters for %s", shown).isEqualTo(1);
                    rejected++;
                } else {
                    assertThat(published).as("processor's parsed event for %s", shown).containsExactly(row);
                    assertThat(deadLetters).as("dead letters for %s", shown).isZero();
                    rows++;
                }
            }
        }
        // the corpus really holds both kinds, in numbers
        assertThat(rows).isGreaterThan(200);
        assertThat(rejected).isGreaterThan(200);
    }

    private static List<Raw> corpus(int schemaId) throws Exception {
        List<Raw> out = new ArrayList<>();
        EventFactory factory = new EventFactory(42L);
        for (Scenario scenario : Scenario.values()) {
            for (int i = 0; i < 60; i++) {
                GeneratedEvent e = factory.next(NOW.minusSeconds(90).plusMillis(700L * i), scenario);
                if (e != null) {
                    byte[] json = Mappers.json().writeValueAsBytes(e.event());
                    out.add(new Raw(e.key(), i % 3 == 0 ? WireFormat.frame(schemaId, json) : json));
                }
            }
        }
        Instant tooFar = NOW.plus(LogLineParser.MAX_FUTURE_SKEW).plusMillis(1);
        Instant justInTime = NOW.plus(LogLineParser.MAX_FUTURE_SKEW);
        for (String line : List.of(
                line("2026-11-26T10:00:00Z", "INFO", PAY_OK),
                line("2026-11-26T10:00:00.000500+00:00", "ERROR", REFUND_FAILED),
                line("2026-11-26T09:59:59.654321", "INFO", PAY_OK),
                line("2026-11-26T10:00:00Z", "ERROR", PAY_OK),
                line("2026-11-26T10:00:00Z", "WARN", PAY_OK),
                line("2026-11-26 10:00:00", "INFO", PAY_OK),
                line("2026-11-26T10:00:00Z", "INFO", PAY_OK.replace("$123.45", "$123.4")),
                line("2026-11-26T10:00:00Z", "INFO", ""),
                "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\", \"host\": {}}",
                "{\"timestamp\": 5, \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"}",
                "{not json", "", "[]", "null", "{}")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            out.add(new Raw("user_000042", bytes));
            out.add(new Raw("user_000042", WireFormat.frame(schemaId, bytes)));
            out.add(new Raw("user_000042", WireFormat.frame(schemaId + 1000, bytes))); // an id no registry knows
        }
        byte[] good = line("2026-11-26T10:00:00Z", "INFO", PAY_OK).getBytes(StandardCharsets.UTF_8);
        out.add(new Raw(null, good));
        out.add(new Raw("k".repeat(1024), good));
        out.add(new Raw("k".repeat(1025), good));
        out.add(new Raw("é".repeat(1024), good));
        out.add(new Raw("é".repeat(1025), good));
        out.add(new Raw("\uD83D\uDE00".repeat(512), good)); // 1024 chars, 2048 bytes
        out.add(new Raw("\uD83D\uDE00".repeat(513), good));
        out.add(new Raw("k", null));
        out.add(new Raw("k", new byte[] {0, 0, 0}));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            out.add(new Raw("k", bytes));
        }
        // Last: an accepted event this far ahead moves the window stage's stream time, after which the
        // events above would be late (dead-lettered by the window stage, not by the parser).
        for (Instant t : List.of(tooFar, justInTime)) {
            byte[] bytes = line(t.toString(), "INFO", PAY_OK).getBytes(StandardCharsets.UTF_8);
            out.add(new Raw("user_000042", bytes));
            out.add(new Raw("user_000042", WireFormat.frame(schemaId, bytes)));
        }
        return out;
    }

    private static String line(String timestamp, String level, String message) {
        return "{\"timestamp\": \"" + timestamp + "\", \"level\": \"" + level + "\", \"message\": \"" + message + "\"}";
    }
}

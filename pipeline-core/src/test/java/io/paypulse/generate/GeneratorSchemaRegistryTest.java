package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.event.LogEvent;
import io.paypulse.event.Level;
import io.paypulse.schema.RawEventSerializer;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.SchemaRegistryException;
import io.paypulse.schema.Schemas;
import io.paypulse.json.Mappers;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator's side of the schema contract: register at start, then frame every value with the id. */
class GeneratorSchemaRegistryTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void registersTheRawSchemaUnderPaymentValueAndFramesValuesWithItsId() throws Exception {
        fake.preload("other-value", Schemas.PARSED.text()); // id 1, so the raw schema gets 2
        RawEventSerializer serializer = RawEventSerializer.registering(new SchemaRegistryClient(fake.url()));
        assertThat(serializer.schemaId()).isEqualTo(2);

        LogEvent event = new LogEvent(Instant.parse("2026-11-26T10:00:00Z"), Level.INFO, "m");
        byte[] value = serializer.serialize(Topics.RAW, event);
        assertThat(value[0]).isEqualTo(WireFormat.MAGIC);
        assertThat(WireFormat.schemaId(value)).isEqualTo(2);
        assertThat(Arrays.copyOfRange(value, 5, value.length)).isEqualTo(Mappers.json().writeValueAsBytes(event));
    }

    @Test
    void withoutARegistryValuesArePlainJson() throws Exception {
        LogEvent event = new LogEvent(Instant.parse("2026-11-26T10:00:00Z"), Level.ERROR, "m");
        assertThat(RawEventSerializer.forRegistryUrl("").serialize(Topics.RAW, event))
                .isEqualTo(Mappers.json().writeValueAsBytes(event));
    }

    @Test
    void startFailsWithOneSentenceWhenTheSubjectsLatestSchemaCannotBeFollowed() {
        ObjectNode stricter = (ObjectNode) Mappers.json().valueToTree(readRaw());
        ((ObjectNode) stricter.get("properties")).putObject("channel").put("type", "string");
        stricter.withArray("required").add("channel");
        fake.preload(Schemas.RAW_SUBJECT, stricter.toString());

        Generator g = new Generator(Map.of("bootstrap.servers", "localhost:1"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = 100;
                    s.events = 10;
                    s.seed = 1L;
                }), Clock.systemUTC(), fake.url());
        try {
            assertThatThrownBy(g::start)
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessage("Schema Registry at " + fake.url() + " refused to register the schema under subject "
                            + "'payment-value' (HTTP 409, error 409): Schema being registered is incompatible with an "
                            + "earlier schema for subject \"payment-value\", details: [required property 'channel' was removed].");
        } finally {
            g.close();
        }
    }

    private static JsonNode readRaw() {
        try {
            return Mappers.json().readTree(Schemas.RAW.text());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.broker.PortProbe;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.testing.FakeSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema validation before parsing, for plain JSON and the wire format, and what registry failures do. */
class RawEventReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String GOOD = line("2026-11-26T10:00:00Z", "\"INFO\"", "\"" + PAY_OK + "\"");

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();
    private final SchemaRegistryClient client = new SchemaRegistryClient(fake.url());
    private final RawEventReader reader = RawEventReader.withRegistry(client, Duration.ofMillis(600));

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String line(String ts, String level, String message) {
        return "{\"timestamp\": \"" + ts + "\", \"level\": " + level + ", \"message\": " + message + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsAPlainJsonEvent() {
        assertThat(RawEventReader.local().read(utf8(GOOD), NOW).rejection()).isNull();
    }

    @Test
    void aLevelOutsideTheEnumIsRejectedWithTheSchemaMessage() {
        ParseOutcome o = RawEventReader.local().read(utf8(line("2026-11-26T10:00:00Z", "\"WARN\"", "\"" + PAY_OK + "\"")), NOW);
        assertThat(o.rejection()).isEqualTo("schema: $.level: does not have a value in the enumeration [\"INFO\", \"ERROR\"]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing message     | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO"}                        | schema: $: required property 'message' not found
        level is a number   | {"timestamp": "2026-11-26T10:00:00Z", "level": 3, "message": "x"}              | schema: $.level: integer found, string expected
        not an object       | [1, 2]                                                                          | schema: $: array found, object expected
        timestamp not a time| {"timestamp": "yesterday", "level": "INFO", "message": "x"}                     | schema: $.timestamp: does not match the regex pattern
        empty message       | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": ""}          | schema: $.message: must be at least 1 characters long
        not JSON            | {"timestamp": "2026-11-26T10:00:00Z", "level": "IN                              | invalid JSON
        grammar             | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "hello"}     | message: expected 'Payment ' or 'Refund '
        """)
    void rejectsWithTheFirstCheckThatFails(String name, String json, String reason) {
        assertThat(RawEventReader.local().read(utf8(json), NOW).rejection()).startsWith(reason);
    }

    @Test
    void anExtraFieldIsAcceptedByTheBundledSchema() {
        String json = GOOD.replace("{", "{\"channel\": \"web\", ");
        assertThat(RawEventReader.local().read(utf8(json), NOW).isOk()).isTrue();
    }

    @Test
    void readsTheWireFormatWithTheSchemaItsIdNames() {
        int id = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        ParseOutcome o = reader.read(WireFormat.frame(id, utf8(GOOD)), NOW);
        assertThat(o.rejection()).isNull();
        assertThat(o.event().orderId()).isEqualTo("order_0123456789ab");
    }

    @Test
    void looksEachIdUpOnce() {
        int id = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        for (int i = 0; i < 5; i++) {
            assertThat(reader.read(WireFormat.frame(id, utf8(GOOD)), NOW).isOk()).isTrue();
        }
        assertThat(fake.lookups()).isEqualTo(1);
    }

    @Test
    void anOldReaderAcceptsEventsOfACompatibleV2AndAppliesItsNewConstraints() {
        client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        int v2 = client.register(Schemas.RAW_SUBJECT, SchemaTexts.withOptionalChannel());
        String withChannel = GOOD.replace("{", "{\"channel\": \"web\", ");
        assertThat(reader.read(WireFormat.frame(v2, utf8(withChannel)), NOW).isOk()).isTrue();
        assertThat(reader.read(WireFormat.frame(v2, utf8(GOOD)), NOW).isOk()).as("channel is optional").isTrue();

        String badChannel = GOOD.replace("{", "{\"channel\": \"fax\", ");
        assertThat(reader.read(WireFormat.frame(v2, utf8(badChannel)), NOW).rejection())
                .isEqualTo("schema (schema id " + v2 + "): $.channel: does not have a value in the enumeration "
                        + "[\"web\", \"app\", \"pos\"]");
        assertThat(RawEventReader.local().read(utf8(badChannel), NOW).isOk())
                .as("the bundled schema does not know channel and allows extra fields").isTrue();
    }

    @Test
    void anUnknownIdIsRejectedWithAClearReason() {
        ParseOutcome o = reader.read(WireFormat.frame(999, utf8(GOOD)), NOW);
        assertThat(o.rejection()).isEqualTo("unknown schema id 999: Schema Registry at " + fake.url()
                + " refused to look up schema id 999 (HTTP 404, error 40403): Schema 999 not found.");
        reader.read(WireFormat.frame(999, utf8(GOOD)), NOW);
        assertThat(fake.lookups()).as("the answer is remembered for a while").isEqualTo(1);
    }

    @Test
    void theWireFormatWithoutARegistryIsRejected() {
        assertThat(RawEventReader.local().read(WireFormat.frame(1, utf8(GOOD)), NOW).rejection())
                .isEqualTo("the value is in the Schema Registry wire format (schema id 1) but no Schema Registry is "
                        + "configured (schema.registry.url)");
    }

    @Test
    void aTruncatedHeaderIsRejected() {
        assertThat(reader.read(new byte[] {0, 0, 1}, NOW).rejection())
                .startsWith("wire format: the value has 3 bytes, fewer than the 5-byte header");
    }

    @Test
    void anUnreachableRegistryStopsTheReadInsteadOfRejectingTheRecord() throws Exception {
        int port = PortProbe.freePort("127.0.0.1"); // nobody listens there
        RawEventReader down = RawEventReader.withRegistry(
                new SchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofMillis(500)), Duration.ofMillis(600));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> down.read(WireFormat.frame(1, utf8(GOOD)), NOW))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.unavailable()).isTrue())
                .hasMessageContaining("cannot be reached to look up schema id 1")
                .hasMessageEndingWith("Gave up after 0.6 s; the record stays unprocessed until the processor runs again.");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("retried within the budget").isLessThan(Duration.ofSeconds(5));
        assertThat(down.read(utf8(GOOD), NOW).isOk()).as("plain JSON never needs the registry").isTrue();
    }

    @Test
    void aDeadLetterShowsTheJsonOfAWireFormatValue() {
        assertThat(RawEventReader.displayText(WireFormat.frame(7, utf8(GOOD)))).isEqualTo(GOOD);
        assertThat(RawEventReader.displayText(utf8(GOOD))).isEqualTo(GOOD);
        assertThat(RawEventReader.displayText(null)).isNull();
    }
}

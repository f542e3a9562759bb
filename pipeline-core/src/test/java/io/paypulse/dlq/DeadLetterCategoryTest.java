package io.paypulse.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The reason sentences the processor really writes land in the right category: each bad value goes
 * through the processor's own reader, so a reworded sentence fails here rather than silently turning
 * into "other" for records without a category header.
 */
class DeadLetterCategoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty                  | ''                                                                                   | UNPARSEABLE
        not JSON               | not json                                                                             | UNPARSEABLE
        cut JSON               | {"timestamp": "2026-11-26T10:00:00Z", "level": "IN                                   | UNPARSEABLE
        trailing data          | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "m"} x             | UNPARSEABLE
        control bytes          | CTRL                                                                                 | UNPARSEABLE
        array                  | [1, 2]                                                                               | SCHEMA
        wrong type             | {"timestamp": 12, "level": "INFO", "message": "x"}                                   | SCHEMA
        missing field          | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO"}                               | SCHEMA
        bad level              | {"timestamp": "2026-11-26T10:00:00Z", "level": "WARN", "message": "PAY"}             | SCHEMA
        bad time               | {"timestamp": "yesterday", "level": "INFO", "message": "x"}                          | SCHEMA
        not a real date        | {"timestamp": "2026-02-30T10:00:00Z", "level": "INFO", "message": "PAY"}             | SCHEMA
        from the future        | {"timestamp": "2027-11-26T10:00:00Z", "level": "INFO", "message": "PAY"}             | SCHEMA
        before 1970            | {"timestamp": "1969-12-31T23:59:59Z", "level": "INFO", "message": "PAY"}             | SCHEMA
        grammar                | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "hello"}           | SCHEMA
        level vs outcome       | {"timestamp": "2026-11-26T10:00:00Z", "level": "ERROR", "message": "PAY"}            | SCHEMA
        """)
    void theReadersReasonsFallInTheirCategory(String name, String value, DeadLetterCategory expected) {
        byte[] bytes = value.replace("PAY", PAY_OK).replace("CTRL", "\u0001\u0002")
                .getBytes(StandardCharsets.UTF_8);
        ParseOutcome o = RawEventReader.local().read(bytes, NOW);
        assertThat(o.rejection()).as(name).isNotNull();
        assertThat(DeadLetterCategory.classify(o.rejection())).as(o.rejection()).isEqualTo(expected);
    }

    @Test
    void anOversizedValueIsUnparseable() {
        ParseOutcome o = RawEventReader.local().read("x".repeat(20_000).getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(DeadLetterCategory.classify(o.rejection())).as(o.rejection()).isEqualTo(DeadLetterCategory.UNPARSEABLE);
    }

    @Test
    void wireFormatProblemsAreRegistryProblems() {
        byte[] framed = WireFormat.frame(7, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetterCategory.classify(RawEventReader.local().read(framed, NOW).rejection()))
                .isEqualTo(DeadLetterCategory.REGISTRY);
        assertThat(DeadLetterCategory.classify(RawEventReader.local().read(new byte[] {0, 1}, NOW).rejection()))
                .isEqualTo(DeadLetterCategory.REGISTRY);
        try (FakeSchemaRegistry fake = FakeSchemaRegistry.start()) {
            RawEventReader reader = RawEventReader.withRegistry(new SchemaRegistryClient(fake.url()), Duration.ofMillis(600));
            String unknown = reader.read(WireFormat.frame(4242, "{}".getBytes(StandardCharsets.UTF_8)), NOW).rejection();
            assertThat(DeadLetterCategory.classify(unknown)).as(unknown).isEqualTo(DeadLetterCategory.REGISTRY);
        }
    }

    @Test
    void theSentencesOfTheWindowStageAndTheExceptionHandlersFallInTheirCategory() {
        assertThat(DeadLetterCategory.classify("late event at 2026-11-26T10:00:20Z: window 2026-11-26T10:00:00Z closed"))
                .isEqualTo(DeadLetterCategory.LATE);
        assertThat(DeadLetterCategory.classify("late partial from raw partition 2: 4 events for window x"))
                .isEqualTo(DeadLetterCategory.LATE);
        assertThat(DeadLetterCategory.classify("the record could not be read: SerializationException: x"))
                .isEqualTo(DeadLetterCategory.UNPARSEABLE);
        assertThat(DeadLetterCategory.classify("processing failed in step 'parse': IllegalStateException: x"))
                .isEqualTo(DeadLetterCategory.OTHER);
        assertThat(DeadLetterCategory.classify("key is 2000 characters long, more than the 1024-character limit"))
                .isEqualTo(DeadLetterCategory.OTHER);
        assertThat(DeadLetterCategory.classify(null)).isEqualTo(DeadLetterCategory.OTHER);
    }

    @Test
    void aCategoryWordIsParsedInAnyCaseAndABadOneNamesTheAllowedWords() {
        assertThat(DeadLetterCategory.parse("--reason", "Late")).isEqualTo(DeadLetterCategory.LATE);
        assertThatThrownBy(() -> DeadLetterCategory.parse("--reason", "bogus"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--reason")
                .hasMessageContaining("unparseable, schema, late, registry or other");
    }
}

package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.config.Scenario;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The processor's fast path (parser first, JSON Schema only to explain a rejection) decides exactly as
 * validating every value against the bundled schema first would: same acceptance, same parsed event,
 * same reason, on generated events and on a corpus of hostile lines. This is what allows the fast
 * path (see {@link RawEventReader}).
 */
class RawEventReaderAgreementTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String REFUND_FAILED = "Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. "
            + "User: user_010000. Reason: Transaction blocked by bank. IP: 8.8.8.8";

    private final RawEventReader fast = RawEventReader.local();
    private final RawEventReader validatingFirst = RawEventReader.validatingFirst(null, Duration.ZERO);
    private final LogLineParser parser = new LogLineParser();

    @Property(tries = 40)
    void bothPathsAgreeOnEverythingTheGeneratorWrites(@ForAll long seed, @ForAll Scenario scenario) throws Exception {
        EventFactory factory = new EventFactory(seed);
        for (int i = 0; i < 100; i++) {
            Instant t = NOW.minusSeconds(60).plusMillis(300L * i);
            GeneratedEvent e = factory.next(t, scenario);
            if (e != null) {
                byte[] value = Mappers.json().writeValueAsBytes(e.event());
                ParseOutcome o = assertAgree(value);
                assertThat(o.isOk()).isTrue();
            }
        }
    }

    @Property(tries = 5000)
    void bothPathsAgreeOnHostileLines(@ForAll("hostile") String line) {
        assertAgree(line.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void bothPathsAgreeOnArbitraryBytes(@ForAll("bytes") byte[] value) {
        assertAgree(value);
    }

    /** Fast and validate-first give equal outcomes; whatever the parser accepts, the schema accepts. */
    private ParseOutcome assertAgree(byte[] value) {
        ParseOutcome a = fast.read(value, NOW);
        ParseOutcome b = validatingFirst.read(value, NOW);
        String shown = new String(value, StandardCharsets.UTF_8);
        assertThat(a).as(shown).isEqualTo(b);
        if (parser.parse(value, NOW).isOk()) {
            assertThat(Schemas.RAW.problems(tree(value))).as("schema on a line the parser accepts: " + shown).isNull();
        }
        return a;
    }

    private static JsonNode tree(byte[] value) {
        try {
            return Mappers.json().readTree(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> timestamp = Arbitraries.oneOf(
                Arbitraries.of("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.123456789Z", "2026-11-26T10:00:00.Z",
                        "2026-11-26T09:59:59.654321", "2026-11-26t10:00:00z", "2026-11-26T11:00:00+01:00",
                        "2026-11-26T11:00:00+01:00:30", "2026-11-26T11:00+01:00", "2026-11-26T10:00",
                        "2026-11-26T10:00:00Z[UTC]", "2026-11-26T10:00[Europe/Paris]", "2026-11-26T10:00:00+01",
                        "+12026-11-26T10:00:00Z", "-0001-11-26T10:00:00Z", "0000-01-01T00:00:00Z", "+2026-11-26T10:00:00Z",
                        "2026-11-26 10:00:00", "2026-11-26", "2026-13-40T25:61:00Z", "2026-11-26T10:00:00,5Z",
                        "2030-01-01T00:00:00Z", "2026-11-26T10:14:00Z", "2026-11-26T10:16:00Z", "", " 2026-11-26T10:00:00Z",
                        "2026-11-26T10:00:00Z ", "2026-11-26T10:00:00Z\n", "２０２６-11-26T10:00:00Z", "yesterday"),
                Arbitraries.strings().withChars("0123456789-+:.TtZz ").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> level = Arbitraries.oneOf(
                Arbitraries.of("INFO", "ERROR", "info", "Error", "WARN", "", " INFO", "INFO ", "ERR"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.of(PAY_OK, REFUND_FAILED, "", "hello", PAY_OK + " ", PAY_OK.replace("$123.45", "$123.4")),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> timestampField = field("timestamp", timestamp);
        Arbitrary<String> levelField = field("level", level);
        Arbitrary<String> messageField = field("message", message);
        Arbitrary<String> extra = Arbitraries.of("", "\"channel\": \"web\"", "\"host\": {\"name\": [1, 2]}",
                "\"level\": \"INFO\"", "\"message\": null", "\"timestamp\": 5");
        Arbitrary<String> objects = Combinators.combine(timestampField, levelField, messageField, extra,
                        Arbitraries.integers().between(0, 5), Arbitraries.of("", "", "", " xyz", " {}", "]", "\n"))
                .as((ts, lv, msg, ex, order, trailer) -> {
                    List<String> parts = new ArrayList<>();
                    for (String p : List.of(ts, lv, msg, ex)) {
                        if (!p.isEmpty()) {
                            parts.add(p);
                        }
                    }
                    Collections.rotate(parts, order);
                    return "{" + String.join(", ", parts) + "}" + trailer;
                });
        Arbitrary<String> notObjects = Arbitraries.of("", "[1, 2]", "42", "\"text\"", "null", "true", "not json",
                "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"IN", "{", "}", "{}", "[]",
                "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"",
                " {\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"}");
        return Arbitraries.frequencyOf(Tuple.of(9, objects), Tuple.of(1, notObjects));
    }

    /** The field with a string value, or a non-string value, or absent (""). */
    private static Arbitrary<String> field(String name, Arbitrary<String> text) {
        Arbitrary<String> asString = text.map(t -> "\"" + name + "\": " + Mappers.json().getNodeFactory().textNode(t));
        Arbitrary<String> other = Arbitraries.of("3", "1.5", "true", "null", "[\"INFO\"]", "{}")
                .map(v -> "\"" + name + "\": " + v);
        return Arbitraries.frequencyOf(Tuple.of(8, asString), Tuple.of(1, other),
                Tuple.of(1, Arbitraries.just("")));
    }
}

package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.config.Scenario;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.reference.ReferenceLogLineParser;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.json.Mappers;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;

/**
 * The faster {@link LogLineParser} (plain-shape scanner, hand-written timestamps, Jackson and
 * java.time only as fallbacks) decides exactly as the parser before issue 11
 * ({@link ReferenceLogLineParser}): the same parsed event or the same rejection text, for generated
 * lines in both shapes (the original Python project's and ours), for hostile lines, for valid lines
 * with one byte changed, inserted or removed, and for arbitrary bytes.
 */
class LogLineParserAgreementTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String REFUND_FAILED = "Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. "
            + "User: user_010000. Reason: Transaction blocked by bank. IP: 8.8.8.8";

    private final LogLineParser parser = new LogLineParser();
    private final ReferenceLogLineParser reference = new ReferenceLogLineParser();

    @Property(tries = 40)
    void agreesOnEverythingBothGeneratorsWrite(@ForAll long seed, @ForAll Scenario scenario) throws Exception {
        EventFactory factory = new EventFactory(seed);
        for (int i = 0; i < 100; i++) {
            // microseconds that vary, and whole seconds now and then (Python then omits the fraction)
            Instant t = NOW.minusSeconds(60).plusNanos(300_001_000L * i - (i % 10 == 0 ? 1_000L * i : 0));
            GeneratedEvent e = factory.next(t, scenario);
            if (e != null) {
                assertThat(assertAgree(Mappers.json().writeValueAsBytes(e.event())).isOk()).isTrue();
                assertThat(assertAgree(PythonLogLine.render(e.event())).isOk()).isTrue();
            }
        }
    }

    /** Without this the agreement above would hold trivially if the scanner never answered. */
    @Test
    void readsBothGeneratorShapesWithoutJackson() throws Exception {
        LogEvent e = new LogEvent(Instant.parse("2026-01-01T00:00:00.000500Z"), Level.INFO, PAY_OK);
        PlainLogLine.Fields python = PlainLogLine.read(PythonLogLine.render(e));
        PlainLogLine.Fields jackson = PlainLogLine.read(Mappers.json().writeValueAsBytes(e));
        assertThat(python).isEqualTo(new PlainLogLine.Fields("2026-01-01T00:00:00.000500+00:00", "INFO", PAY_OK));
        assertThat(jackson).isEqualTo(new PlainLogLine.Fields("2026-01-01T00:00:00.000500Z", "INFO", PAY_OK));
    }

    @Property(tries = 5000)
    void agreesOnHostileLines(@ForAll("hostile") String line) {
        assertAgree(line.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 5000)
    void agreesOnValidLinesWithOneByteChanged(@ForAll("mutated") byte[] value) {
        assertAgree(value);
    }

    @Property(tries = 2000)
    void agreesOnArbitraryBytes(@ForAll("bytes") byte[] value) {
        assertAgree(value);
    }

    @Test
    void agreesOnEdgeCasesOfTheScanner() {
        for (String line : List.of(
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                " \t\r\n{ \"timestamp\" : \"2026-11-26T10:00:00Z\" ,\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\" }\n ",
                "\uFEFF{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"message\":\"" + PAY_OK + "\",\"level\":\"INFO\",\"timestamp\":\"2026-11-26T10:00:00Z\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\",}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\"\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}\u0000",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"level\":\"INFO\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\u007f\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + PAY_OK.replace("IP", "I\\u0050") + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INF\\u004f\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"" + REFUND_FAILED + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"" + REFUND_FAILED.replace("bank", "banque \\u00e0 Paris") + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"" + REFUND_FAILED.replace("bank", "banque à Paris") + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"" + REFUND_FAILED.replace("bank", "tab\there") + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"" + REFUND_FAILED.replace("bank", "a \\\"quote\\\"") + "\"}",
                "{\"timestamp\":\"1969-12-31T23:59:59.999999+00:00\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:15:30+00:00\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:15:30.000000001+00:00\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:15:30.000000001\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T20:15:30+10:00\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T20:15:31+10:00\",\"level\":\"INFO\",\"message\":\"" + PAY_OK + "\"}",
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\":\"INFO\",\"message\":\"\"}")) {
            assertAgree(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    private ParseOutcome assertAgree(byte[] value) {
        ParseOutcome now = parser.parse(value, NOW);
        assertThat(now).as(new String(value, StandardCharsets.UTF_8)).isEqualTo(reference.parse(value, NOW));
        return now;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    /** A valid line of either shape with one byte replaced, inserted or removed. */
    @Provide
    Arbitrary<byte[]> mutated() {
        LogEvent ok = new LogEvent(Instant.parse("2026-11-26T10:00:00.000500Z"), Level.INFO, PAY_OK);
        LogEvent failed = new LogEvent(Instant.parse("2026-11-26T10:00:00Z"), Level.ERROR, REFUND_FAILED);
        List<byte[]> valid = new ArrayList<>();
        for (LogEvent e : List.of(ok, failed)) {
            valid.add(PythonLogLine.render(e));
            valid.add(jackson(e));
        }
        Arbitrary<Byte> interesting = Arbitraries.oneOf(Arbitraries.of((byte) '"', (byte) '\\', (byte) ',', (byte) ':',
                (byte) '{', (byte) '}', (byte) ' ', (byte) '\n', (byte) 0, (byte) 0x7f, (byte) 0xc3, (byte) 0x80,
                (byte) 'Z', (byte) '+', (byte) '.', (byte) '0', (byte) '9'), Arbitraries.bytes());
        return Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 250),
                Arbitraries.integers().between(0, 2), interesting)
                .as((v, at, kind, b) -> {
                    int i = Math.min(at, v.length);
                    byte[] out;
                    switch (kind) {
                        case 0 -> {
                            out = v.clone();
                            if (i < v.length) {
                                out[i] = b;
                            }
                        }
                        case 1 -> {
                            out = new byte[v.length + 1];
                            System.arraycopy(v, 0, out, 0, i);
                            out[i] = b;
                            System.arraycopy(v, i, out, i + 1, v.length - i);
                        }
                        default -> {
                            int cut = Math.min(i, v.length - 1);
                            out = new byte[v.length - 1];
                            System.arraycopy(v, 0, out, 0, cut);
                            System.arraycopy(v, cut + 1, out, cut, v.length - cut - 1);
                        }
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> timestamp = Arbitraries.oneOf(
                Arbitraries.of("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.123456789Z", "2026-11-26T10:00:00.Z",
                        "2026-11-26T09:59:59.654321", "2026-11-26t10:00:00z", "2026-11-26T11:00:00+01:00",
                        "2026-11-26T10:00:00.000500+00:00", "2026-11-26T10:00:00+00:00", "2026-11-26T10:15:00+00:00",
                        "2026-11-26T10:15:00.000001+00:00", "1969-12-31T23:59:59.999999+00:00", "2024-02-29T00:00:00Z",
                        "2026-11-26T11:00:00+01:00:30", "2026-11-26T11:00+01:00", "2026-11-26T10:00", "2026-02-29T10:00:00Z",
                        "2026-11-26T10:00:00Z[UTC]", "2026-11-26T24:00:00Z", "2026-11-26T23:59:60Z", "+10000-01-01T00:00:00Z",
                        "+12026-11-26T10:00:00Z", "-0001-11-26T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                        "2026-11-26 10:00:00", "2026-11-26", "2026-13-40T25:61:00Z", "2026-11-26T10:00:00,5Z",
                        "2030-01-01T00:00:00Z", "2026-11-26T10:14:00Z", "2026-11-26T10:16:00Z", "", " 2026-11-26T10:00:00Z",
                        "2026-11-26T10:00:00Z ", "2026-11-26T10:00:00Z\n", "２０２６-11-26T10:00:00Z", "yesterday"),
                Arbitraries.strings().withChars("0123456789-+:.TtZz ").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> level = Arbitraries.oneOf(
                Arbitraries.of("INFO", "ERROR", "info", "Error", "WARN", "", " INFO", "INFO ", "ERR", "INFOS", "ERRORS"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.of(PAY_OK, REFUND_FAILED, "", "hello", PAY_OK + " ", PAY_OK.replace("$123.45", "$123.4"),
                        REFUND_FAILED.replace("bank", "banque à Paris"), REFUND_FAILED.replace("bank", "\"bank\"")),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> extra = Arbitraries.of("", "\"channel\": \"web\"", "\"host\": {\"name\": [1, 2]}",
                "\"level\": \"INFO\"", "\"message\": null", "\"timestamp\": 5", "\"timestamp\": \"2026-11-26T10:00:00Z\"");
        Arbitrary<String> objects = Combinators.combine(field("timestamp", timestamp), field("level", level),
                        field("message", message), extra, Arbitraries.integers().between(0, 5),
                        Arbitraries.of(", ", ",", " , "), Arbitraries.of(": ", ":", " :\t"),
                        Arbitraries.of("", "", "", " xyz", " {}", "]", "\n", " ", "\u0000"))
                .as((ts, lv, msg, ex, order, comma, colon, trailer) -> {
                    List<String> parts = new ArrayList<>();
                    for (String p : List.of(ts, lv, msg, ex)) {
                        if (!p.isEmpty()) {
                            parts.add(p.replace("\u0001", colon));
                        }
                    }
                    Collections.rotate(parts, order);
                    return "{" + String.join(comma, parts) + "}" + trailer;
                });
        Arbitrary<String> notObjects = Arbitraries.of("", "[1, 2]", "42", "\"text\"", "null", "true", "not json",
                "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"IN", "{", "}", "{}", "[]",
                "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"",
                " {\"timestamp\": \"2026-11-26T10:00:00Z\", \"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"}");
        return Arbitraries.frequencyOf(Tuple.of(9, objects), Tuple.of(1, notObjects));
    }

    /** The field with a string value (as Jackson or as Python writes it), another value, or absent (""). */
    private static Arbitrary<String> field(String name, Arbitrary<String> text) {
        Arbitrary<String> asJackson = text.map(t -> "\"" + name + "\"\u0001" + Mappers.json().getNodeFactory().textNode(t));
        Arbitrary<String> asPython = text.map(t -> {
            String line = new String(PythonLogLine.render(t, "", ""), StandardCharsets.US_ASCII);
            return "\"" + name + "\"\u0001" + line.substring("{\"timestamp\": ".length(), line.indexOf(", \"level\": "));
        });
        Arbitrary<String> other = Arbitraries.of("3", "1.5", "true", "null", "[\"INFO\"]", "{}")
                .map(v -> "\"" + name + "\"\u0001" + v);
        return Arbitraries.frequencyOf(Tuple.of(5, asJackson), Tuple.of(3, asPython), Tuple.of(1, other),
                Tuple.of(1, Arbitraries.just("")));
    }

    private static byte[] jackson(LogEvent e) {
        try {
            return Mappers.json().writeValueAsBytes(e);
        } catch (JsonProcessingException x) {
            throw new AssertionError(x);
        }
    }
}

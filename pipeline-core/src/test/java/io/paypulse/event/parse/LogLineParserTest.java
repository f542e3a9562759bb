package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLineParserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:30Z");
    private final LogLineParser parser = new LogLineParser();

    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";

    private ParseOutcome parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String line(String ts, String level, String message) {
        return "{\"timestamp\": \"" + ts + "\", \"level\": \"" + level + "\", \"message\": \"" + message + "\"}";
    }

    @Test
    void readsEveryFieldOfASuccessfulPayment() {
        ParseOutcome o = parse(line("2026-11-26T10:00:00.123Z", "INFO", PAY_OK));
        assertThat(o.rejection()).isNull();
        assertThat(o.event()).isEqualTo(new ParsedEvent(Instant.parse("2026-11-26T10:00:00.123Z"), Level.INFO,
                PaymentType.PAYMENT, false, "order_0123456789ab", 12345, "user_000042", "93.184.216.34",
                "pay_0123456789abcdef", null, null));
    }

    @Test
    void readsAFailedRefundWithItsReason() {
        String msg = "Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. User: user_010000. "
                + "Reason: Transaction blocked by bank. IP: 8.8.8.8";
        ParsedEvent e = parse(line("2026-11-26T10:00:00Z", "ERROR", msg)).event();
        assertThat(e.type()).isEqualTo(PaymentType.REFUND);
        assertThat(e.failed()).isTrue();
        assertThat(e.failReason()).isEqualTo("Transaction blocked by bank");
        assertThat(e.amountCents()).isEqualTo(1000);
        assertThat(e.paymentId()).isNull();
        assertThat(e.refundId()).isNull();
    }

    @Test
    void readsAProcessedRefundId() {
        String msg = "Refund processed for order order_bbbbbbbbbbbb. Amount: $999.99. User: user_000001. "
                + "Refund ID: ref_00000000000000ff. IP: 1.2.3.4";
        ParsedEvent e = parse(line("2026-11-26T10:00:00Z", "INFO", msg)).event();
        assertThat(e.refundId()).isEqualTo("ref_00000000000000ff");
        assertThat(e.paymentId()).isNull();
    }

    @Test
    void acceptsTheOriginalPythonTimestampsWithoutZone() {
        ParsedEvent e = parse(line("2026-11-26T09:59:59.654321", "INFO", PAY_OK)).event();
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-11-26T09:59:59.654321Z"));
    }

    @Test
    void ignoresExtraFields() {
        String json = "{\"timestamp\": \"2026-11-26T10:00:00Z\", \"host\": {\"name\": \"web-1\"}, \"level\": \"INFO\","
                + " \"tags\": [1, 2], \"message\": \"" + PAY_OK + "\"}";
        assertThat(parse(json).isOk()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty object                | {}                                                                                  | missing field 'timestamp'
        not an object               | [1, 2]                                                                              | value is not a JSON object
        truncated                   | {"timestamp": "2026-11-26T10:00:00Z", "level": "IN                                  | invalid JSON
        trailing garbage            | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "x"} xyz          | invalid JSON: Unrecognized token 'xyz'
        two objects                 | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "x"} {}           | trailing data
        level is a number           | {"timestamp": "2026-11-26T10:00:00Z", "level": 3, "message": "x"}                    | field 'level' must be a string, found a number
        message is null             | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": null}              | field 'message' must be a string, found null
        duplicate level             | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "level": "ERROR", "message": "x"} | field 'level' appears twice
        bad timestamp               | {"timestamp": "yesterday", "level": "INFO", "message": "x"}                          | timestamp 'yesterday' is not ISO-8601
        future timestamp            | {"timestamp": "2026-11-26T11:00:00Z", "level": "INFO", "message": "x"}               | minutes in the future
        unknown level               | {"timestamp": "2026-11-26T10:00:00Z", "level": "WARN", "message": "x"}               | level 'WARN' is not INFO or ERROR
        unknown message             | {"timestamp": "2026-11-26T10:00:00Z", "level": "INFO", "message": "Hello world"}     | message: expected 'Payment ' or 'Refund ' at character 1
        """)
    void rejectsHostileJsonWithAReason(String name, String json, String reason) {
        ParseOutcome o = parse(json);
        assertThat(o.event()).isNull();
        assertThat(o.rejection()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        short order id     | Payment successful for order order_0123. Amount: $1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4  | order_ followed by 12 lowercase hex digits
        uppercase hex      | Payment successful for order order_0123456789AB. Amount: $1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4 | lowercase hex
        amount one decimal | Payment successful for order order_0123456789ab. Amount: $1.0. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4 | two decimals
        amount negative    | Payment successful for order order_0123456789ab. Amount: $-1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4 | an amount of 1 to 12 digits
        amount words       | Payment successful for order order_0123456789ab. Amount: $ten. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4 | an amount
        user id 5 digits   | Payment successful for order order_0123456789ab. Amount: $1.00. User: user_00001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4  | user_ followed by 6 digits
        refund id on pay   | Payment successful for order order_0123456789ab. Amount: $1.00. User: user_000001. Refund ID: ref_0123456789abcdef. IP: 1.2.3.4 | 'Payment ID: '
        ip octet too big   | Payment successful for order order_0123456789ab. Amount: $1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.256 | an IPv4 address
        ip truncated       | Payment successful for order order_0123456789ab. Amount: $1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3 | an IPv4 address
        text after ip      | Payment successful for order order_0123456789ab. Amount: $1.00. User: user_000001. Payment ID: pay_0123456789abcdef. IP: 1.2.3.4 extra | end of message
        cut in the middle  | Payment successful for order order_0123456789ab. Amount: $1.00. Us | '. User: '
        empty reason       | Payment FAILED for order order_0123456789ab. Amount: $1.00. User: user_000001. Reason: . IP: 1.2.3.4 | a non-empty reason
        refund word        | Refund successful for order order_0123456789ab. Amount: $1.00. User: user_000001. Refund ID: ref_0123456789abcdef. IP: 1.2.3.4 | 'processed' or 'FAILED'
        """)
    void rejectsMessagesOffTheGrammarSayingWhatWasExpected(String name, String message, String expected) {
        String level = message.contains("FAILED") ? "ERROR" : "INFO";
        ParseOutcome o = parse(line("2026-11-26T10:00:00Z", level, message));
        assertThat(o.rejection()).startsWith("message: expected").contains(expected);
    }

    @Test
    void rejectsALevelThatContradictsTheMessage() {
        assertThat(parse(line("2026-11-26T10:00:00Z", "ERROR", PAY_OK)).rejection())
                .isEqualTo("level ERROR does not match a successful payment message");
    }

    @Test
    void rejectsHugeValuesBeforeParsing() {
        String json = line("2026-11-26T10:00:00Z", "INFO", "x".repeat(LogLineParser.MAX_VALUE_BYTES));
        assertThat(parse(json).rejection()).contains("more than the 16384-byte limit");
    }

    @Test
    void rejectsAnOverlongReason() {
        String msg = "Payment FAILED for order order_0123456789ab. Amount: $1.00. User: user_000001. Reason: "
                + "r".repeat(300) + ". IP: 1.2.3.4";
        assertThat(parse(line("2026-11-26T10:00:00Z", "ERROR", msg)).rejection()).contains("at most 200 characters");
    }

    @Test
    void keepsUnicodeReasonsIntact() {
        String msg = "Payment FAILED for order order_0123456789ab. Amount: $1.00. User: user_000001. "
                + "Reason: Carte refusée — 拒绝. IP: 1.2.3.4";
        assertThat(parse(line("2026-11-26T10:00:00Z", "ERROR", msg)).event().failReason()).isEqualTo("Carte refusée — 拒绝");
    }

    @Test
    void rejectsInvalidUtf8AndEmptyValues() {
        assertThat(parser.parse(new byte[0], NOW).rejection()).isEqualTo("empty value");
        assertThat(parser.parse(null, NOW).rejection()).isEqualTo("empty value");
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(parser.parse(bad, NOW).rejection()).startsWith("invalid JSON");
    }
}

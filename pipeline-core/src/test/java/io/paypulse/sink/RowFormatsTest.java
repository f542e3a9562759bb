package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.event.WindowAggregate;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.WireFormat;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowFormatsTest {

    private static final Instant T = Instant.parse("2024-05-01T10:15:30Z");

    private final ParsedFormat parsed = new ParsedFormat(RawEventReader.local());
    private final AggregateFormat aggregates = new AggregateFormat();
    private final AlertFormat alerts = new AlertFormat();

    @Test
    void headersKeepTheOriginalColumnNamesAndOrder() {
        assertThat(String.join(",", parsed.header())).isEqualTo(
                "event_time,level,type,is_failed,order_id,amount,user_id,ip_address,payment_id,fail_reason,refund_id");
        assertThat(String.join(",", aggregates.header())).isEqualTo(
                "start,end,type,is_failed,event_count,total_amount");
        assertThat(String.join(",", alerts.header())).isEqualTo(
                "id,rule,severity,group,window_start,window_end,value,threshold,message,state,occurrences,first_seen,last_seen");
    }

    @Test
    void successfulPaymentRow() {
        ParsedEvent e = new ParsedEvent(T, Level.INFO, PaymentType.PAYMENT, false, "order_0123456789ab", 12345,
                "user_000042", "203.0.113.7", "pay_0123456789abcdef", null, null);
        assertThat(parsed.cells(e)).containsExactly("2024-05-01T10:15:30Z", "INFO", "Payment", "false",
                "order_0123456789ab", "123.45", "user_000042", "203.0.113.7", "pay_0123456789abcdef", "", "");
        assertThat(parsed.fileName(e)).isEqualTo("enriched_data_2024-05-01_10.csv");
        assertThat(CsvCells.line(parsed.cells(e))).isEqualTo(
                "2024-05-01T10:15:30Z,INFO,Payment,false,order_0123456789ab,123.45,user_000042,203.0.113.7,pay_0123456789abcdef,,\r\n");
    }

    @Test
    void failedRefundRowGuardsTheReasonButNotTheNegativeAmount() {
        ParsedEvent e = new ParsedEvent(T, Level.ERROR, PaymentType.REFUND, true, "order_0123456789ab", -700,
                "user_000042", "203.0.113.7", null, "=cmd|' /C calc'!A0, \"x\"", null);
        List<String> cells = parsed.cells(e);
        assertThat(cells).hasSize(parsed.header().size());
        assertThat(cells.get(2)).isEqualTo("Refund");
        assertThat(cells.get(3)).isEqualTo("true");
        assertThat(cells.get(5)).isEqualTo("-7.00");
        assertThat(cells.get(9)).isEqualTo("'=cmd|' /C calc'!A0, \"x\"");
        assertThat(CsvCells.line(cells)).contains(",-7.00,").contains(",\"'=cmd|' /C calc'!A0, \"\"x\"\"\",");
    }

    @Test
    void processedRefundRowHasTheRefundIdLast() {
        ParsedEvent e = new ParsedEvent(T, Level.INFO, PaymentType.REFUND, false, "order_0123456789ab", 1000,
                "user_000001", "198.51.100.1", null, null, "ref_0123456789abcdef");
        assertThat(parsed.cells(e)).endsWith("", "", "ref_0123456789abcdef");
    }

    @Test
    void parsedRecordsWithoutTimeOrTypeAreRefused() {
        ParsedEvent noTime = new ParsedEvent(null, Level.INFO, PaymentType.PAYMENT, false, "o", 1, "u", "ip", "p", null, null);
        ParsedEvent noType = new ParsedEvent(T, Level.INFO, null, false, "o", 1, "u", "ip", "p", null, null);
        assertThatThrownBy(() -> parsed.fileName(noTime)).hasMessageContaining("eventTime");
        assertThatThrownBy(() -> parsed.cells(noType)).hasMessageContaining("type");
    }

    @Test
    void parsedReadsARawLineStraightIntoItsRow() {
        String line = "{\"timestamp\": \"2026-01-01T00:00:00.000500+00:00\", \"level\": \"ERROR\", \"message\": "
                + "\"Refund FAILED for order order_aaaaaaaaaaaa. Amount: $10.00. User: user_010000. "
                + "Reason: =Blocked, by \\\"bank\\\". IP: 8.8.8.8\"}";
        ParsedEvent e = parsed.read(raw("user_010000", line, Instant.parse("2026-01-01T00:00:01Z")));
        assertThat(CsvCells.line(parsed.cells(e))).isEqualTo("2026-01-01T00:00:00.000500Z,ERROR,Refund,true,"
                + "order_aaaaaaaaaaaa,10.00,user_010000,8.8.8.8,,\"'=Blocked, by \"\"bank\"\"\",\r\n");
        assertThat(parsed.fileName(e)).isEqualTo("enriched_data_2026-01-01_00.csv");
    }

    @Test
    void parsedPassesOverEveryValueTheProcessorRejects() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(parsed.noRowMeansRejected()).isTrue();
        assertThat(parsed.read(raw("k", "{not json", at))).isNull();
        assertThat(parsed.read(raw("k", (byte[]) null, at))).as("a tombstone: the processor dead-letters it").isNull();
        assertThat(parsed.read(raw("k", line("2026-01-01T00:00:00Z", "INFO", PAY_FAILED), at))).as("level vs outcome").isNull();
        assertThat(parsed.read(raw("k", WireFormat.frame(1, line("2026-01-01T00:00:00Z", "INFO", PAY_OK)
                .getBytes(StandardCharsets.UTF_8)), at))).as("wire format, no registry").isNull();
        assertThat(parsed.read(raw("k".repeat(1025), line("2026-01-01T00:00:00Z", "INFO", PAY_OK), at))).as("key too long").isNull();
        assertThat(parsed.read(raw("é".repeat(1024), line("2026-01-01T00:00:00Z", "INFO", PAY_OK), at)))
                .as("1024 characters in 2048 bytes: the limit counts characters").isNotNull();
    }

    @Test
    void theFutureIsJudgedFromTheRecordsOwnTimestampSoAReplayDecidesTheSame() {
        Instant sent = Instant.parse("2026-01-01T00:00:00Z");
        String oneSecondTooFarAhead = line(sent.plus(LogLineParser.MAX_FUTURE_SKEW).plusSeconds(1).toString(), "INFO", PAY_OK);
        assertThat(parsed.read(raw("k", oneSecondTooFarAhead, sent))).isNull();
        assertThat(parsed.read(raw("k", oneSecondTooFarAhead, sent.plusSeconds(1)))).isNotNull();
        // without a timestamp (message format v0) the clock stands in
        ParsedFormat clocked = new ParsedFormat(RawEventReader.local(), Clock.fixed(sent, ZoneOffset.UTC));
        ConsumerRecord<byte[], byte[]> noTime = new ConsumerRecord<>("payment", 0, 0, "k".getBytes(StandardCharsets.UTF_8),
                oneSecondTooFarAhead.getBytes(StandardCharsets.UTF_8));
        assertThat(clocked.read(noTime)).isNull();
    }

    @Test
    void aggregateRowsOnlyForFinalWindows() {
        Instant start = Instant.parse("2024-05-01T23:59:00Z");
        WindowAggregate fin = new WindowAggregate(start, start.plusSeconds(60), PaymentType.PAYMENT, true, 12, 345678, true);
        WindowAggregate live = new WindowAggregate(start, start.plusSeconds(60), PaymentType.PAYMENT, true, 3, 100, false);
        assertThat(aggregates.include(fin)).isTrue();
        assertThat(aggregates.include(live)).isFalse();
        assertThat(aggregates.cells(fin)).containsExactly("2024-05-01T23:59:00Z", "2024-05-02T00:00:00Z", "Payment", "true",
                "12", "3456.78");
        // the window starting 23:59 belongs to the day it starts in
        assertThat(aggregates.fileName(fin)).isEqualTo("aggregated_data_2024-05-01.csv");
        byte[] json = Topics.AGGREGATE_VALUE.serializer().serialize("t", fin);
        assertThat(aggregates.read("t", json)).isEqualTo(fin);
    }

    @Test
    void alertRow() {
        Instant ws = Instant.parse("2024-05-01T23:58:00Z");
        Alert a = new Alert(Alert.idOf("failed-payments", "Payment/failed", ws), "failed-payments", Severity.CRITICAL,
                "Payment/failed", ws, ws.plusSeconds(60), 14.0, 10.0, "-14 failed payments, threshold 10", AlertState.FIRING, 3,
                ws.plusSeconds(60), Instant.parse("2024-05-02T00:01:00Z"));
        List<String> cells = alerts.cells(a);
        assertThat(cells).hasSize(alerts.header().size());
        assertThat(cells).containsExactly("failed-payments|Payment/failed|2024-05-01T23:58:00Z", "failed-payments", "CRITICAL",
                "Payment/failed", "2024-05-01T23:58:00Z", "2024-05-01T23:59:00Z", "14.0", "10.0",
                "'-14 failed payments, threshold 10", "FIRING", "3", "2024-05-01T23:59:00Z", "2024-05-02T00:01:00Z");
        assertThat(alerts.fileName(a)).isEqualTo("alerts_2024-05-02.csv");
        byte[] json = Topics.ALERT_VALUE.serializer().serialize("t", a);
        assertThat(alerts.read("t", json)).isEqualTo(a);
    }

    @Test
    void alertWithoutLastSeenIsRefused() {
        Alert a = new Alert("id", "r", Severity.WARNING, "g", T, T, 1, 1, "m", AlertState.RESOLVED, 1, T, null);
        assertThatThrownBy(() -> alerts.fileName(a)).hasMessageContaining("lastSeen");
    }

    @Test
    void eachFormatHasItsOwnNames() {
        assertThat(parsed.fileNames().matcher(parsed.fileName(new ParsedEvent(T, Level.INFO, PaymentType.PAYMENT, false,
                "o", 1, "u", "i", "p", null, null))).matches()).isTrue();
        assertThat(parsed.fileNames().matcher("aggregated_data_2024-05-01.csv").matches()).isFalse();
        assertThat(aggregates.fileNames().matcher("alerts_2024-05-01.csv").matches()).isFalse();
        assertThat(alerts.fileNames().matcher("aggregated_data_2024-05-01.csv").matches()).isFalse();
        assertThat(List.of(parsed.name(), aggregates.name(), alerts.name())).containsExactly("parsed", "aggregates", "alerts");
        assertThat(List.of(parsed.topic(), aggregates.topic(), alerts.topic()))
                .containsExactly(Topics.RAW, Topics.AGGREGATES, Topics.ALERTS);
        assertThat(parsed.formerTopics()).containsExactly(Topics.PARSED);
        assertThat(aggregates.formerTopics()).isEmpty();
    }

    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $123.45. "
            + "User: user_000042. Payment ID: pay_0123456789abcdef. IP: 93.184.216.34";
    private static final String PAY_FAILED = "Payment FAILED for order order_0123456789ab. Amount: $1.00. "
            + "User: user_000042. Reason: Card declined. IP: 93.184.216.34";

    private static String line(String timestamp, String level, String message) {
        return "{\"timestamp\": \"" + timestamp + "\", \"level\": \"" + level + "\", \"message\": \"" + message + "\"}";
    }

    private static ConsumerRecord<byte[], byte[]> raw(String key, String value, Instant timestamp) {
        return raw(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /** A raw record as the sink's consumer hands it over. */
    private static ConsumerRecord<byte[], byte[]> raw(String key, byte[] value, Instant timestamp) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("payment", 0, 0, timestamp.toEpochMilli(), TimestampType.CREATE_TIME, k.length,
                value == null ? -1 : value.length, k, value, new RecordHeaders(), Optional.empty());
    }
}

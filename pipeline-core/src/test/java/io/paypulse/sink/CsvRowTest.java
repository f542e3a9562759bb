package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.schema.RawEventReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The sink's row bytes ({@link CsvRow}) are exactly the UTF-8 of {@code CsvCells.line(cells)}, the row as
 * it was written before issue 11's byte path and as {@code ParsedRows.line} still gives it.
 */
class CsvRowTest {

    private static final ParsedFormat PARSED = new ParsedFormat(RawEventReader.local());

    @Property(tries = 1000)
    void anyCellsGiveTheBytesOfTheirLine(@ForAll @Size(max = 8) List<String> cells) {
        assertThat(bytes(CsvRow.of(cells))).isEqualTo(CsvCells.line(cells).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileCellsGiveTheBytesOfTheirLine() {
        List<String> cells = Arrays.asList("a", null, "", "b,c", "d\"e", "line1\r\nline2", "Zahlung – 支付失败 ✓",
                "'=SUM(A1)", "\"", "\ud800 lone", "lone \udc00", "😀", "é,\"", "\t", ",");
        assertThat(bytes(CsvRow.of(cells))).isEqualTo(CsvCells.line(cells).getBytes(StandardCharsets.UTF_8));
        for (String c : cells) {
            List<String> one = Arrays.asList(c);
            assertThat(bytes(CsvRow.of(one))).as("%s", c).isEqualTo(CsvCells.line(one).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void typedCellsAreWrittenAsCsvCellsWritesThem() {
        SplittableRandom random = new SplittableRandom(14);
        long[] amounts = {0, 1, 5, 9, 10, 99, 100, 101, 12345, -1, -5, -700, -1250, 999_999_999_999L,
            1_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -Long.MAX_VALUE};
        CsvRow row = new CsvRow();
        CellList list = new CellList(8);
        for (int i = 0; i < 50_000; i++) {
            long cents = i < amounts.length ? amounts[i] : i % 3 == 0 ? random.nextLong() : random.nextLong(-1_000_000, 100_000_000);
            Instant t = i % 11 == 0 ? null
                    : Instant.ofEpochSecond(random.nextLong(-400_000_000_000L, 400_000_000_000L),
                    i % 2 == 0 ? random.nextInt(1_000) * 1_000 : random.nextInt(1_000_000_000));
            for (RowCells out : List.of(row, list)) {
                out.amount(cents);
                out.instant(t);
                out.bool(i % 2 == 0);
                out.text(i % 5 == 0 ? "-" + cents : "user_" + i);
                out.plain(i % 7 == 0 ? null : "Refund");
            }
        }
        row.end();
        assertThat(row.toString()).isEqualTo(CsvCells.line(list.cells()));
    }

    @Test
    void parsedRowsAreTheBytesOfTheirCellsLine() {
        Instant t = Instant.parse("2026-01-01T00:00:00.000500Z");
        List<ParsedEvent> events = List.of(
                new ParsedEvent(t, Level.INFO, PaymentType.PAYMENT, false, "order_0123456789ab", 12345,
                        "user_000042", "203.0.113.7", "pay_0123456789abcdef", null, null),
                new ParsedEvent(t.plusNanos(123_000_000), Level.ERROR, PaymentType.REFUND, true, "order_0123456789ab", -700,
                        "user_000042", "203.0.113.7", null, "=cmd|' /C calc'!A0, \"x\"", null),
                new ParsedEvent(Instant.parse("+12026-01-01T00:00:00Z"), null, PaymentType.REFUND, false, "@o", 0,
                        "+u", "-ip", null, "Karte abgelehnt – 支付失败\r\n", "ref_0123456789abcdef"),
                new ParsedEvent(null, Level.INFO, PaymentType.PAYMENT, false, null, 5, null, null, null, null, null));
        CsvRow row = new CsvRow();
        for (ParsedEvent e : events) {
            row.clear();
            PARSED.row(e, row);
            assertThat(bytes(row)).as("%s", e).isEqualTo(CsvCells.line(PARSED.cells(e)).getBytes(StandardCharsets.UTF_8));
            assertThat(row.toString()).isEqualTo(ParsedRows.line(e));
        }
    }

    private static byte[] bytes(CsvRow row) {
        return Arrays.copyOf(row.bytes(), row.length());
    }
}

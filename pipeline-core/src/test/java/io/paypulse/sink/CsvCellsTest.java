package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvCellsTest {

    static Stream<Arguments> textCells() {
        return Stream.of(
                Arguments.of("plain", "plain", "plain"),
                Arguments.of(null, "", ""),
                Arguments.of("", "", ""),
                Arguments.of("a,b", "a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("\"", "\"", "\"\"\"\""),
                Arguments.of("line1\nline2", "line1\nline2", "\"line1\nline2\""),
                Arguments.of("line1\r\nline2", "line1\r\nline2", "\"line1\r\nline2\""),
                Arguments.of("Zahlung abgelehnt – 支付失败 ✓", "Zahlung abgelehnt – 支付失败 ✓", "Zahlung abgelehnt – 支付失败 ✓"),
                Arguments.of("=SUM(A1:A9)", "'=SUM(A1:A9)", "'=SUM(A1:A9)"),
                Arguments.of("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")",
                        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
                Arguments.of("+1", "'+1", "'+1"),
                Arguments.of("-2+3", "'-2+3", "'-2+3"),
                Arguments.of("@cmd", "'@cmd", "'@cmd"),
                Arguments.of("\tfoo", "'\tfoo", "'\tfoo"),
                Arguments.of("\rfoo", "'\rfoo", "\"'\rfoo\""),
                Arguments.of("a=b", "a=b", "a=b"),
                Arguments.of(" =x", " =x", " =x"),
                Arguments.of("'quoted", "'quoted", "'quoted"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("textCells")
    void textCellsAreGuardedThenQuoted(String value, String guarded, String written) {
        assertThat(CsvCells.text(value)).isEqualTo(guarded);
        assertThat(CsvCells.quote(CsvCells.text(value))).isEqualTo(written);
    }

    @Test
    void numbersAreNeverGuarded() {
        assertThat(CsvCells.amount(-1250)).isEqualTo("-12.50");
        assertThat(CsvCells.amount(5)).isEqualTo("0.05");
        assertThat(CsvCells.integer(-3)).isEqualTo("-3");
        assertThat(CsvCells.decimal(-0.5)).isEqualTo("-0.5");
        assertThat(CsvCells.decimal(10)).isEqualTo("10.0");
        assertThat(CsvCells.decimal(1e10)).isEqualTo("10000000000");
        assertThat(CsvCells.decimal(0.15)).isEqualTo("0.15");
        assertThat(CsvCells.decimal(Double.NaN)).isEqualTo("NaN");
        assertThat(CsvCells.quote(CsvCells.amount(-1250))).isEqualTo("-12.50");
    }

    @Test
    void otherTypes() {
        assertThat(CsvCells.bool(true)).isEqualTo("true");
        assertThat(CsvCells.enumName(null)).isEmpty();
        assertThat(CsvCells.enumName(Level.ERROR)).isEqualTo("ERROR");
        assertThat(CsvCells.instant(Instant.parse("2024-05-01T10:15:30Z"))).isEqualTo("2024-05-01T10:15:30Z");
        assertThat(CsvCells.instant(Instant.parse("2024-05-01T10:15:30.250Z"))).isEqualTo("2024-05-01T10:15:30.250Z");
        assertThat(CsvCells.instant(null)).isEmpty();
    }

    @Test
    void lineJoinsQuotedCellsAndEndsWithCrlf() {
        assertThat(CsvCells.line(Arrays.asList("a", null, "b,c", "", "d\"e")))
                .isEqualTo("a,,\"b,c\",,\"d\"\"e\"\r\n");
        assertThat(CsvCells.line(List.of("only"))).isEqualTo("only\r\n");
    }

    @Property(tries = 500)
    void anyTextReadsBackAsItsGuardedValue(@ForAll @Size(max = 6) List<String> values) {
        List<String> cells = new ArrayList<>();
        for (String v : values) {
            cells.add(CsvCells.text(v));
        }
        if (cells.isEmpty()) {
            cells.add("x");
        }
        List<List<String>> parsed = StrictCsv.parse(CsvCells.line(cells) + CsvCells.line(List.of("next")));
        assertThat(parsed).containsExactly(cells, List.of("next"));
        for (String c : cells) {
            if (!c.isEmpty()) {
                assertThat("=+-@\t\r").doesNotContain(c.substring(0, 1));
            }
        }
    }
}

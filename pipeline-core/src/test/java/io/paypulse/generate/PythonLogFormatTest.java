package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.schema.RawEventReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3.11's {@code json.dumps} printed for the same dicts. */
class PythonLogFormatTest {

    private static final String PAY_OK = "Payment successful for order order_0123456789ab. Amount: $10.00. User: "
            + "user_000001. Payment ID: pay_0123456789abcdef. IP: 8.8.8.8";

    @Test
    void writesMicrosecondsAndTheUtcOffsetAsPythonsIsoformatDoes() {
        LogEvent e = new LogEvent(Instant.parse("2026-01-01T00:00:00.000500Z"), Level.INFO, PAY_OK);
        assertThat(PythonLogFormat.format(e)).isEqualTo("{\"timestamp\": \"2026-01-01T00:00:00.000500+00:00\", "
                + "\"level\": \"INFO\", \"message\": \"" + PAY_OK + "\"}");
    }

    @Test
    void writesNoFractionWhenTheMicrosecondIsZero() {
        LogEvent e = new LogEvent(Instant.parse("2026-01-01T00:00:01Z"), Level.ERROR, "");
        assertThat(PythonLogFormat.format(e))
                .isEqualTo("{\"timestamp\": \"2026-01-01T00:00:01+00:00\", \"level\": \"ERROR\", \"message\": \"\"}");
        // Nanoseconds below a microsecond do not exist in Python: truncated, so still no fraction.
        assertThat(PythonLogFormat.format(new LogEvent(Instant.parse("2026-01-01T00:00:01.000000999Z"), Level.ERROR, "")))
                .contains("\"2026-01-01T00:00:01+00:00\"");
    }

    @Test
    void escapesNonAsciiControlCharactersQuotesAndBackslashesAsEnsureAsciiDoes() {
        String message = "Zahlung f\u00fcr \u20ac5 \uD83D\uDCB3 \"q\" \\ tab\there\nnl \u0001 \u007f ~";
        LogEvent e = new LogEvent(Instant.parse("0999-12-31T23:59:59.999999Z"), Level.ERROR, message);
        assertThat(PythonLogFormat.format(e)).isEqualTo("{\"timestamp\": \"0999-12-31T23:59:59.999999+00:00\", "
                + "\"level\": \"ERROR\", \"message\": \"Zahlung f\\u00fcr \\u20ac5 \\ud83d\\udcb3 \\\"q\\\" \\\\ "
                + "tab\\there\\nnl \\u0001 \\u007f ~\"}");
        assertThat(PythonLogFormat.bytes(e)).isEqualTo(PythonLogFormat.format(e).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void refusesYearsPythonCannotHold() {
        assertThatThrownBy(() -> PythonLogFormat.format(new LogEvent(Instant.parse("+10000-01-01T00:00:00Z"),
                Level.INFO, ""))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }

    @Test
    void theProcessorsReaderAcceptsWhatItWritesWithTheSameTimeAndMessage() {
        Instant t = Instant.parse("2026-01-01T00:00:00.000500Z");
        ParseOutcome o = RawEventReader.local().read(PythonLogFormat.bytes(new LogEvent(t, Level.INFO, PAY_OK)),
                Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(o.rejection()).isNull();
        assertThat(o.event().eventTime()).isEqualTo(t);
    }

    @Test
    void theSettingNamesItsKeyAndTheAllowedValues() {
        assertThat(LogFormat.parse(" Python ")).isEqualTo(LogFormat.PYTHON);
        assertThatThrownBy(() -> LogFormat.parse("yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("generator.log-format").hasMessageContaining("compact").hasMessageContaining("python");
    }
}

package io.paypulse.event.parse;

import io.paypulse.event.LogEvent;
import io.paypulse.generate.PythonLogFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A log line exactly as the original Python project wrote it:
 * {@code json.dumps({"timestamp": datetime.isoformat(), "level": ..., "message": ...})} with an aware
 * UTC datetime, e.g. {@code {"timestamp": "2026-01-01T00:00:00.000500+00:00", "level": "INFO", ...}}.
 * Test scope: the second input shape of the parser tests and of {@code ParserBench}; the writing is
 * the generator's own ({@link PythonLogFormat}), plus what it does not write: naive times, any year,
 * and fields that are not a timestamp.
 */
public final class PythonLogLine {

    private PythonLogLine() {
    }

    public static byte[] render(LogEvent e) {
        return PythonLogFormat.bytes(e);
    }

    public static byte[] render(String timestamp, String level, String message) {
        StringBuilder b = new StringBuilder(256).append("{\"timestamp\": ");
        PythonLogFormat.string(timestamp, b);
        b.append(", \"level\": ");
        PythonLogFormat.string(level, b);
        b.append(", \"message\": ");
        PythonLogFormat.string(message, b);
        return b.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code datetime.isoformat()}: microseconds (truncated, as a Python datetime holds no more), the
     * fraction omitted when it is zero, {@code +00:00} when aware, nothing when naive.
     */
    public static String isoformat(Instant t, boolean aware) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int micros = t.getNano() / 1000;
        String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                d.getHour(), d.getMinute(), d.getSecond());
        if (micros != 0) {
            s += String.format(".%06d", micros);
        }
        return aware ? s + "+00:00" : s;
    }
}

package io.paypulse.generate;

import io.paypulse.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a raw event exactly as the original Python generator did:
 * {@code json.dumps({"timestamp": datetime.now(timezone.utc).isoformat(), "level": ..., "message": ...})}.
 * Default {@code json.dumps} separators ({@code ", "} and {@code ": "}), keys in that order,
 * {@code ensure_ascii=True} (every character outside printable ASCII as a lowercase {@code \}{@code uXXXX},
 * surrogate pairs for characters beyond the BMP), and {@code isoformat()} of an aware UTC datetime:
 * microseconds (the instant is truncated to them, as Python keeps no more), no fraction at all when
 * the microsecond is 0, and {@code +00:00}, e.g.
 * {@code {"timestamp": "2026-01-01T00:00:00.000500+00:00", "level": "INFO", "message": "..."}}.
 *
 * <p>Why: users measure PayPulse on the original project's own topic, whose timestamp shape differs
 * from ours ({@code Z}, milliseconds), and parsers are sensitive to that shape. Thread-safe.
 */
public final class PythonLogFormat implements Serializer<LogEvent> {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The JSON text of {@code event}. */
    public static String format(LogEvent event) {
        StringBuilder b = new StringBuilder(64 + event.message().length());
        b.append("{\"timestamp\": \"");
        isoformat(event.timestamp(), b);
        b.append("\", \"level\": ");
        string(event.level().name(), b);
        b.append(", \"message\": ");
        string(event.message(), b);
        return b.append('}').toString();
    }

    /** The UTF-8 (in fact ASCII) bytes of {@link #format}. */
    public static byte[] bytes(LogEvent event) {
        return format(event).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] serialize(String topic, LogEvent event) {
        return event == null ? null : bytes(event);
    }

    /** Python's {@code datetime.isoformat()} of {@code t} in UTC (years 1 to 9999, as Python allows). */
    static void isoformat(Instant t, StringBuilder b) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw new IllegalArgumentException("Python datetimes hold years 1 to 9999, not " + t);
        }
        pad(d.getYear(), 4, b);
        b.append('-');
        pad(d.getMonthValue(), 2, b);
        b.append('-');
        pad(d.getDayOfMonth(), 2, b);
        b.append('T');
        pad(d.getHour(), 2, b);
        b.append(':');
        pad(d.getMinute(), 2, b);
        b.append(':');
        pad(d.getSecond(), 2, b);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            b.append('.');
            pad(micros, 6, b);
        }
        b.append("+00:00");
    }

    /** A JSON string as {@code json.dumps} writes it with {@code ensure_ascii=True} (tests build odd lines with it). */
    public static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        b.append(c);
                    } else {
                        b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void pad(int value, int width, StringBuilder b) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        b.append(digits);
    }
}

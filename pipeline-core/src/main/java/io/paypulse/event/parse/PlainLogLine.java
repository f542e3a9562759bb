package io.paypulse.event.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the common exact shape of a raw log line without a JSON library: one object whose members
 * are exactly {@code timestamp}, {@code level} and {@code message} (any order, each once), each a
 * string of ASCII without escapes or control characters, with JSON whitespace between tokens. That is
 * what both generators write: ours through Jackson ({@code {"timestamp":"…","level":"INFO",…}}) and
 * the original Python project through {@code json.dumps} ({@code {"timestamp": "…", "level": …}}).
 *
 * <p>Why: creating a Jackson parser and its field-name symbol lookups per value was a large part of
 * the parse cost (issue 11). For any other input (escapes, non-ASCII, other members, other value
 * types, duplicates, anything malformed) {@link #read} returns null and {@link LogLineParser} reads
 * the value with Jackson as before, so every rejection text still comes from Jackson.
 * {@code LogLineParserAgreementTest} checks that the outcome is the old parser's on generated lines
 * of both shapes, hostile lines, one-byte mutations and random bytes.
 */
final class PlainLogLine {

    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] LEVEL = ascii("level");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] INFO = ascii("INFO");
    private static final byte[] ERROR = ascii("ERROR");

    /** The three member values as Jackson would read them. */
    record Fields(String timestamp, String level, String message) {
    }

    /**
     * The members of a plain line, the message left in place as {@code value[messageStart, messageEnd)}
     * (ASCII): {@link PlainPayment} reads it from there, so most lines never need it as a String.
     */
    record Line(String timestamp, String level, int messageStart, int messageEnd) {
    }

    private PlainLogLine() {
    }

    /** The members of {@code v} if it has exactly the common shape, else null (read it with Jackson). */
    static Fields read(byte[] v) {
        Line line = scan(v);
        return line == null ? null
                : new Fields(line.timestamp(), line.level(), text(v, line.messageStart(), line.messageEnd()));
    }

    /** As {@link #read}, the message left in the bytes. */
    static Line scan(byte[] v) {
        int p = skipWhitespace(v, 0);
        if (at(v, p) != '{') {
            return null;
        }
        String timestamp = null;
        String level = null;
        int messageStart = -1;
        int messageEnd = -1;
        p = skipWhitespace(v, p + 1);
        for (int member = 0; member < 3; member++) {
            if (member > 0) {
                if (at(v, p) != ',') {
                    return null;
                }
                p = skipWhitespace(v, p + 1);
            }
            int keyStart = p + 1;
            int keyEnd = stringEnd(v, p);
            if (keyEnd < 0) {
                return null;
            }
            p = skipWhitespace(v, keyEnd + 1);
            if (at(v, p) != ':') {
                return null;
            }
            p = skipWhitespace(v, p + 1);
            int valueStart = p + 1;
            int valueEnd = stringEnd(v, p);
            if (valueEnd < 0) {
                return null;
            }
            p = skipWhitespace(v, valueEnd + 1);
            if (timestamp == null && matches(v, keyStart, keyEnd, TIMESTAMP)) {
                timestamp = text(v, valueStart, valueEnd);
            } else if (level == null && matches(v, keyStart, keyEnd, LEVEL)) {
                level = matches(v, valueStart, valueEnd, INFO) ? "INFO"
                        : matches(v, valueStart, valueEnd, ERROR) ? "ERROR" : text(v, valueStart, valueEnd);
            } else if (messageStart < 0 && matches(v, keyStart, keyEnd, MESSAGE)) {
                messageStart = valueStart;
                messageEnd = valueEnd;
            } else {
                return null; // another member, or one of ours twice
            }
        }
        if (at(v, p) != '}' || skipWhitespace(v, p + 1) != v.length) {
            return null;
        }
        return new Line(timestamp, level, messageStart, messageEnd);
    }

    /**
     * Given {@code p} at an opening quote, the index of the closing quote of a string of ASCII
     * without escapes; -1 if it is not one (no quote, an escape, a control or non-ASCII byte).
     */
    private static int stringEnd(byte[] v, int p) {
        if (at(v, p) != '"') {
            return -1;
        }
        for (int i = p + 1; i < v.length; i++) {
            byte b = v[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b == '\\') { // negative: a non-ASCII UTF-8 byte
                return -1;
            }
        }
        return -1;
    }

    private static int skipWhitespace(byte[] v, int p) {
        while (p < v.length && (v[p] == ' ' || v[p] == '\n' || v[p] == '\r' || v[p] == '\t')) {
            p++;
        }
        return p;
    }

    private static int at(byte[] v, int p) {
        return p < v.length ? v[p] : -1;
    }

    private static boolean matches(byte[] v, int from, int to, byte[] literal) {
        return Arrays.equals(v, from, to, literal, 0, literal.length);
    }

    /** ASCII is its own Latin-1, and a Latin-1 String is a plain copy of the bytes. */
    static String text(byte[] v, int from, int to) {
        return new String(v, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

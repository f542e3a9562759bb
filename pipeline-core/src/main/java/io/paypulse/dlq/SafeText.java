package io.paypulse.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Shows untrusted bytes and text to people without harm: control and format characters become
 * visible escapes ({@code \n}, {@code \u001b}) so nothing moves the cursor, rings or recolours a
 * terminal; long values are cut with a note of how much was left out; binary values are shown as hex.
 */
public final class SafeText {

    /** Characters of text shown before cutting (a real log line is under 300). */
    public static final int MAX_CHARS = 2_000;
    /** Bytes of a hex dump shown before cutting. */
    public static final int MAX_HEX_BYTES = 512;

    private SafeText() {
    }

    /** {@code s} with control characters escaped, at most {@code max} characters of it; null stays null. */
    public static String of(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16);
        int shown = 0;
        int i = 0;
        for (; i < s.length() && shown < max; i++, shown++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (i < s.length()) {
            sb.append("… (").append(s.length() - i).append(" more characters)");
        }
        return sb.toString();
    }

    /** One line: {@link #of} at most {@code max} characters (table cells, CLI columns). */
    public static String line(String s, int max) {
        return of(s, max);
    }

    /** Whether {@code bytes} are valid UTF-8 (then shown as text; otherwise as hex). */
    public static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The value for people: escaped text when it is UTF-8, else a hex dump; "(null)" for no value. */
    public static String value(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        return isUtf8(bytes) ? of(new String(bytes, StandardCharsets.UTF_8), MAX_CHARS) : hex(bytes, MAX_HEX_BYTES);
    }

    /**
     * A hex dump, 16 bytes a line with offset and printable ASCII ({@code .} for anything else), at most
     * {@code maxBytes} bytes, then how many were left out.
     */
    public static String hex(byte[] bytes, int maxBytes) {
        if (bytes == null) {
            return "(null)";
        }
        int n = Math.min(bytes.length, maxBytes);
        StringBuilder sb = new StringBuilder(n * 4 + 32);
        for (int line = 0; line < n; line += 16) {
            sb.append(String.format(Locale.ROOT, "%08x ", line));
            StringBuilder ascii = new StringBuilder(16);
            for (int j = 0; j < 16; j++) {
                if (line + j < n) {
                    int b = bytes[line + j] & 0xff;
                    sb.append(String.format(Locale.ROOT, " %02x", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  |").append(ascii).append("|\n");
        }
        if (n < bytes.length) {
            sb.append("… (").append(bytes.length - n).append(" more bytes)\n");
        }
        return sb.toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}

package io.paypulse.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A record that could not be processed (value of topic {@code payment-dlq}): why, where it came
 * from, and the original value, <b>bounded in size whatever the input</b>: the first
 * {@link #KEPT_VALUE_BYTES} bytes of the value as base64 (exact bytes, never an escaped string that
 * grows with control characters or invalid UTF-8), the value's full length and its SHA-256, so a
 * 1 MB value becomes a dead letter of about 22 KB that the broker accepts. Text fields (reason,
 * key, preview) are clipped and control characters replaced, so their JSON escaping stays small.
 * The JSON of any dead letter is under {@link #MAX_JSON_BYTES} (README "Dead letters").
 *
 * @param reason          why, one sentence (at most {@link #MAX_REASON_CHARS} characters)
 * @param topic           the topic the record was read from ({@code payment}, or an internal topic)
 * @param partition       its partition, -1 when unknown
 * @param offset          its offset, -1 when unknown
 * @param recordTimestamp the Kafka timestamp of the record (or the event time for a late event)
 * @param key             the record key (at most {@link #MAX_KEY_CHARS} characters), null when none
 * @param valueLength     the original value's length in bytes, -1 for a null value
 * @param valueSha256     SHA-256 of the whole original value (lowercase hex), null for a null value
 * @param valueBase64     the first {@link #KEPT_VALUE_BYTES} bytes of the value, base64; null for a null value
 * @param valuePreview    the start of the kept bytes as text for people (invalid UTF-8 and control
 *                        characters shown as U+FFFD, at most {@link #PREVIEW_CHARS} characters)
 */
public record DeadLetter(
        String reason,
        String topic,
        int partition,
        long offset,
        Instant recordTimestamp,
        String key,
        int valueLength,
        String valueSha256,
        String valueBase64,
        String valuePreview) {

    /** Bytes of the original value kept in a dead letter (the rest is described by length and hash). */
    public static final int KEPT_VALUE_BYTES = 16 * 1024;
    public static final int MAX_REASON_CHARS = 1000;
    public static final int MAX_KEY_CHARS = 256;
    public static final int PREVIEW_CHARS = 200;
    /**
     * Upper bound of a dead letter's JSON: base64 of the kept bytes (21,848) plus the clipped texts at
     * their worst (3 UTF-8 bytes per char, 2 when escaped quotes) and field names; far below the
     * broker's 1 MB default record limit.
     */
    public static final int MAX_JSON_BYTES = 32 * 1024;

    private static final char REPLACEMENT = '\uFFFD';

    public DeadLetter {
        reason = clip(reason, MAX_REASON_CHARS);
        key = clip(key, MAX_KEY_CHARS);
        valuePreview = clip(valuePreview, PREVIEW_CHARS);
    }

    /**
     * A dead letter for a record read from {@code topic}: keeps the first {@link #KEPT_VALUE_BYTES}
     * of {@code value} with its length and hash.
     */
    public static DeadLetter of(String reason, String topic, int partition, long offset, Instant recordTimestamp,
            String key, byte[] value) {
        if (value == null) {
            return new DeadLetter(reason, topic, partition, offset, recordTimestamp, key, -1, null, null, null);
        }
        byte[] kept = value.length <= KEPT_VALUE_BYTES ? value : Arrays.copyOf(value, KEPT_VALUE_BYTES);
        return new DeadLetter(reason, topic, partition, offset, recordTimestamp, key, value.length, sha256(value),
                Base64.getEncoder().encodeToString(kept), preview(kept));
    }

    /** A dead letter whose "value" is text we made (e.g. a late event's group and amount). */
    public static DeadLetter ofText(String reason, String topic, int partition, long offset, Instant recordTimestamp,
            String key, String text) {
        return of(reason, topic, partition, offset, recordTimestamp, key,
                text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Compatibility with the earlier shape (reason, origin, key, value as text), for code that builds
     * a dead letter from text it made itself.
     */
    public DeadLetter(String reason, String topic, int partition, long offset, Instant recordTimestamp, String key,
            String rawValue) {
        this(ofText(reason, topic, partition, offset, recordTimestamp, key, rawValue));
    }

    private DeadLetter(DeadLetter d) {
        this(d.reason, d.topic, d.partition, d.offset, d.recordTimestamp, d.key, d.valueLength, d.valueSha256,
                d.valueBase64, d.valuePreview);
    }

    /** The kept bytes of the value (all of it unless {@link #truncated()}); null for a null value. */
    @JsonIgnore
    public byte[] value() {
        return valueBase64 == null ? null : Base64.getDecoder().decode(valueBase64);
    }

    /** The kept bytes as UTF-8 text (invalid sequences replaced); null for a null value. */
    @JsonIgnore
    public String valueText() {
        byte[] v = value();
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** Whether the value was longer than what is kept. */
    @JsonIgnore
    public boolean truncated() {
        return valueBase64 != null && valueLength > KEPT_VALUE_BYTES;
    }

    /** SHA-256 of {@code bytes}, lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String preview(byte[] kept) {
        int n = Math.min(kept.length, PREVIEW_CHARS * 4); // enough bytes for PREVIEW_CHARS characters
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(kept, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null; // cannot happen with REPLACE
        }
    }

    /**
     * At most {@code max} characters, control characters (and a surrogate cut in half) replaced, so
     * the JSON escape of the result is at most 2 bytes per character (quote, backslash) in ASCII and
     * 3 in UTF-8.
     */
    static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        boolean cut = s.length() > max;
        int end = cut ? max - 1 : s.length();
        StringBuilder sb = null;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || (Character.isHighSurrogate(c) && (i + 1 >= end || !Character.isLowSurrogate(s.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
            if (bad && sb == null) {
                sb = new StringBuilder(end + 1).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? REPLACEMENT : c);
            }
        }
        String out = sb != null ? sb.toString() : cut ? s.substring(0, end) : s;
        return cut ? out + '…' : out;
    }
}

package io.paypulse.investigate;

import io.paypulse.event.ParsedEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hides user ids and IP addresses: {@code user_004711} becomes {@code user#3fa2c19b}, {@code 203.0.113.9}
 * becomes {@code ip#77e1d0a2}. The tag is the first 8 hex digits of an HMAC-SHA256 of the value under a key
 * drawn at random for each masker (one per CLI run, one per Events window), so within one run the same
 * user always gets the same tag (rows can still be grouped by user) while the tags cannot be looked up
 * in a table of the 10,000 user ids or be matched across runs. 32 bits: among 10,000 users a shared tag
 * is unlikely (about 1 %). Thread-safe.
 */
public final class Masker {

    static final int TAG_HEX_DIGITS = 8;

    private final SecretKeySpec key;

    private Masker(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A masker with a fresh random key. */
    public static Masker random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new Masker(k);
    }

    /** A masker with a given key (tests: the same tags again). */
    public static Masker withKey(byte[] key) {
        return new Masker(key);
    }

    public String user(String userId) {
        return userId == null ? null : "user#" + tag("u:" + userId);
    }

    public String ip(String address) {
        return address == null ? null : "ip#" + tag("i:" + address);
    }

    /** The event with its user id and IP address masked; everything else as it was. */
    public ParsedEvent apply(ParsedEvent e) {
        return new ParsedEvent(e.eventTime(), e.level(), e.type(), e.failed(), e.orderId(), e.amountCents(),
                user(e.userId()), ip(e.ipAddress()), e.paymentId(), e.failReason(), e.refundId());
    }

    private String tag(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe; creating one is cheap
            mac.init(key);
            byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, TAG_HEX_DIGITS / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

package io.paypulse.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names PayPulse puts on dead letters and on re-driven records, and how to read them. */
public final class DeadLetterHeaders {

    /** On a dead letter: its {@link DeadLetterCategory#word()}, decided where it was written. */
    public static final String CATEGORY = "paypulse-dlq-category";
    /**
     * On a re-driven raw record (and on the dead letter it may become again): the identity of the
     * record it re-drives, {@code <origin topic>/<partition>/<offset>} ({@link RedriveIdentity}).
     */
    public static final String REDRIVE_OF = "paypulse-redrive-of";

    private DeadLetterHeaders() {
    }

    /** The last value of header {@code name} as UTF-8, or null. */
    public static String text(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package io.paypulse.dlq;

import io.paypulse.event.DeadLetter;
import io.paypulse.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record of {@code payment-dlq} as read back: where it sits in the DLQ, when it was written, its
 * category (from its header, or derived from the reason for older records), the dead letter and the
 * record's headers (name and value as safe text).
 *
 * @param partition  partition of the DLQ topic
 * @param offset     offset in that partition
 * @param timestamp  the DLQ record's Kafka timestamp (when the original was produced or dead-lettered)
 * @param category   the category
 * @param letter     the dead letter (reason, origin, value)
 * @param headers    the DLQ record's headers, values rendered with {@link SafeText#of}
 * @param redriveOf  the identity this letter re-drives (it came back from a re-drive), or null
 */
public record DlqRecord(int partition, long offset, Instant timestamp, DeadLetterCategory category, DeadLetter letter,
        List<Map.Entry<String, String>> headers, String redriveOf) {

    public DlqRecord {
        headers = List.copyOf(headers);
    }

    /** {@code <partition>/<offset>}, how the CLI and the app name a dead letter. */
    public String position() {
        return partition + "/" + offset;
    }

    /** The identity a re-drive of this letter carries (see {@link RedriveIdentity}), or null. */
    public String identity() {
        return RedriveIdentity.of(letter, redriveOf);
    }

    /**
     * Why this letter cannot be re-driven, one sentence, or null when it can: only whole raw records of
     * {@code payment} go back (a cut value, a null value, a summary of the window stage or an output the
     * broker refused cannot).
     */
    public String whyNotRedrivable() {
        String where = "dead letter " + position();
        if (!Topics.RAW.equals(letter.topic())) {
            return where + " came from " + letter.topic() + ", not from a raw record of " + Topics.RAW
                    + ", so there is no original event to re-drive.";
        }
        if (identity() == null) {
            return where + " does not say which record of " + Topics.RAW + " it was (no partition/offset).";
        }
        if (letter.valueBase64() == null) {
            return where + " has a null value: there is nothing to re-drive.";
        }
        if (letter.truncated()) {
            return where + " kept only the first " + DeadLetter.KEPT_VALUE_BYTES + " of its " + letter.valueLength()
                    + " bytes, so the original value cannot be re-driven.";
        }
        if (letter.key() != null && letter.key().length() >= DeadLetter.MAX_KEY_CHARS && letter.key().endsWith("…")) {
            return where + " kept only the first " + (DeadLetter.MAX_KEY_CHARS - 1)
                    + " characters of its key, so the original record cannot be re-driven.";
        }
        return null;
    }
}

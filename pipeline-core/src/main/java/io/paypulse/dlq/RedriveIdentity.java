package io.paypulse.dlq;

import io.paypulse.event.DeadLetter;
import io.paypulse.topic.Topics;
import org.apache.kafka.common.utils.Utils;

/**
 * Who a re-driven record is: the raw record it first came from, {@code <topic>/<partition>/<offset>}.
 * A dead letter that is itself the result of a re-drive (it went back to the DLQ, e.g. still late)
 * carries the first identity in its {@link DeadLetterHeaders#REDRIVE_OF} header, so re-driving it
 * again keeps one identity for the whole chain and the processor still counts it at most once.
 */
public final class RedriveIdentity {

    private RedriveIdentity() {
    }

    /**
     * The identity a re-drive of {@code letter} carries: the header's when it is a re-drive already,
     * else its origin; null when the origin is unknown (offset -1: not a record of {@code payment}).
     */
    public static String of(DeadLetter letter, String redriveOfHeader) {
        if (redriveOfHeader != null && !redriveOfHeader.isBlank()) {
            return redriveOfHeader;
        }
        if (letter.topic() == null || letter.partition() < 0 || letter.offset() < 0) {
            return null;
        }
        return letter.topic() + "/" + letter.partition() + "/" + letter.offset();
    }

    /**
     * The partition of {@code payment} a re-drive goes to, the same every time for one identity (so
     * every re-drive of a record meets the same parse task and its memory of counted re-drives): the
     * origin partition when it exists, else a hash of the identity.
     */
    public static int targetPartition(DeadLetter letter, String identity, int rawPartitions) {
        if (Topics.RAW.equals(letter.topic()) && letter.partition() >= 0 && letter.partition() < rawPartitions) {
            return letter.partition();
        }
        return Utils.toPositive(Utils.murmur2(DeadLetterHeaders.bytes(identity))) % rawPartitions;
    }
}

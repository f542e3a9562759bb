package io.paypulse.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What can be re-driven, as whom, to which partition; and how untrusted values are shown. */
class DlqRecordTest {

    private static final Instant T = Instant.parse("2026-12-03T10:41:00Z");
    private static final byte[] VALUE = "{\"timestamp\": \"x\"}".getBytes(StandardCharsets.UTF_8);

    private static DlqRecord record(DeadLetter letter, String redriveOf) {
        return new DlqRecord(0, 17, T, DeadLetterCategory.SCHEMA, letter, List.of(), redriveOf);
    }

    @Test
    void aWholeRawRecordIsReDrivableAsItsOriginToItsOriginPartition() {
        DlqRecord r = record(DeadLetter.of("schema: x", Topics.RAW, 2, 42, T, "user_1", VALUE), null);
        assertThat(r.whyNotRedrivable()).isNull();
        assertThat(r.identity()).isEqualTo("payment/2/42");
        assertThat(RedriveIdentity.targetPartition(r.letter(), r.identity(), 6)).isEqualTo(2);
    }

    @Test
    void aFailedReDriveKeepsTheFirstIdentity() {
        DlqRecord r = record(DeadLetter.of("late event at …", Topics.RAW, 2, 900, T, "user_1", VALUE), "payment/2/42");
        assertThat(r.identity()).isEqualTo("payment/2/42");
    }

    @Test
    void anOriginPartitionBeyondTheTopicIsHashedTheSameWayEveryTime() {
        DeadLetter d = DeadLetter.of("x", Topics.RAW, 9, 1, T, "k", VALUE);
        int p = RedriveIdentity.targetPartition(d, "payment/9/1", 3);
        assertThat(p).isBetween(0, 2).isEqualTo(RedriveIdentity.targetPartition(d, "payment/9/1", 3));
    }

    @Test
    void aCutANullAForeignAndAnUnplacedDeadLetterAreRefusedInOneSentence() {
        byte[] big = new byte[DeadLetter.KEPT_VALUE_BYTES + 1];
        assertThat(record(DeadLetter.of("value is 16385 bytes", Topics.RAW, 0, 5, T, "k", big), null).whyNotRedrivable())
                .isEqualTo("dead letter 0/17 kept only the first 16384 of its 16385 bytes, so the original value "
                        + "cannot be re-driven.");
        assertThat(record(DeadLetter.of("empty value", Topics.RAW, 0, 5, T, "k", null), null).whyNotRedrivable())
                .isEqualTo("dead letter 0/17 has a null value: there is nothing to re-drive.");
        assertThat(record(DeadLetter.ofText("late partial from raw partition 1", "window-partials", 1, -1, T, null,
                "payment-ok 3 $1.00"), null).whyNotRedrivable())
                .startsWith("dead letter 0/17 came from window-partials, not from a raw record of payment");
        assertThat(record(DeadLetter.of("writing failed", Topics.RAW, -1, -1, T, "k", VALUE), null).whyNotRedrivable())
                .isEqualTo("dead letter 0/17 does not say which record of payment it was (no partition/offset).");
        assertThat(record(DeadLetter.of("key too long", Topics.RAW, 0, 5, T, "k".repeat(2000), VALUE), null)
                .whyNotRedrivable()).contains("kept only the first 255 characters of its key");
    }

    @Test
    void controlCharactersAreShownEscapedLongTextIsCutAndBinaryIsHex() {
        assertThat(SafeText.of("a\nb\u001b[31mc\u0000", 100)).isEqualTo("a\\nb\\u001b[31mc\\u0000");
        assertThat(SafeText.of("x".repeat(10), 4)).isEqualTo("xxxx… (6 more characters)");
        assertThat(SafeText.value(new byte[] {(byte) 0xff, 0x41})).startsWith("00000000  ff 41").contains("|.A|");
        assertThat(SafeText.hex(new byte[40], 16)).endsWith("… (24 more bytes)\n");
        assertThat(SafeText.value(null)).isEqualTo("(null)");
    }
}

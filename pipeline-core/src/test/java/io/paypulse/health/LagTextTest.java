package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTextTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    private static LagReport report(PartitionLagRow... rows) {
        return new LagReport(AT, "paypulse-processor", "payment", List.of(rows), true, null);
    }

    private static PartitionLagRow row(int p, long records, long lagMs) {
        return new PartitionLagRow(p, 100, 100 + records, records, records == 0 ? -1 : 1, lagMs);
    }

    @Test
    void namesTheOnePartitionBehindWithRecordsAndSeconds() {
        LagReport r = report(row(0, 0, 0), row(1, 0, 0), row(2, 12_400, 8_200));
        assertThat(LagText.value(r)).isEqualTo("12,400 (8.2 s)");
        assertThat(LagText.detail(r)).isEqualTo("partition 2 behind");
    }

    @Test
    void withSeveralBehindNamesTheOneWithTheOldestWaitingRecord() {
        LagReport r = report(row(0, 5_000, 1_200), row(1, 0, 0), row(2, 300, 75_000));
        assertThat(LagText.value(r)).isEqualTo("5,300 (1 min 15 s)");
        assertThat(LagText.detail(r)).isEqualTo("partitions 0, 2 behind (most: 2, 1 min 15 s)");
    }

    @Test
    void recordsInFlightForLessThanASecondAreKeepingUpNotBehind() {
        LagReport r = report(row(0, 8, 50), row(1, 3, 900), row(2, 0, 0));
        assertThat(LagText.value(r)).isEqualTo("11 (900 ms)");
        assertThat(LagText.detail(r)).isEqualTo("keeping up: nothing has waited 1 s");
    }

    @Test
    void manyPartitionsBehindAreCountedNotListed() {
        LagReport r = report(row(0, 10, 2_000), row(1, 10, 2_000), row(2, 10, 2_000), row(3, 10, 3_000),
                row(4, 10, 2_000), row(5, 0, 0));
        assertThat(LagText.detail(r)).isEqualTo("5 of 6 partitions behind (most: 3, 3.0 s)");
    }

    @Test
    void caughtUpSaysSoPlainly() {
        LagReport r = report(row(0, 0, 0), row(1, 0, 0), row(2, 0, 0));
        assertThat(LagText.value(r)).isEqualTo("0");
        assertThat(LagText.detail(r)).isEqualTo("caught up on all 3 partitions");
    }

    @Test
    void anUnreadableAgeLeavesTheCountAlone() {
        assertThat(LagText.value(report(row(0, 7, -1)))).isEqualTo("7");
    }

    @Test
    void aClusterThatCannotBeAskedGivesItsSentence() {
        LagReport r = LagReport.unreachable(AT, "g", "payment", "The Kafka cluster did not answer within 1500 ms, so the processor's lag is unknown.");
        assertThat(LagText.value(r)).isEqualTo("–");
        assertThat(LagText.detail(r)).isEqualTo(r.problem());
    }
}

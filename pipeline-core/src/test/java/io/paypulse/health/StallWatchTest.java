package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** /health tells the truth about progress, not only the Streams state (issue 10 §2). */
class StallWatchTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final StallWatch watch = new StallWatch(clock, Duration.ofSeconds(60));

    @Test
    void rebalancingWithRecordsWaitingAndNoCommitForTheStallTimeoutIsDown() {
        assertThat(report(KafkaStreams.State.REBALANCING, GroupProgress.of(1_000, 500)).up()).isTrue();
        now = now.plusSeconds(59);
        assertThat(report(KafkaStreams.State.REBALANCING, GroupProgress.of(1_000, 800)).up()).isTrue();
        now = now.plusSeconds(26);

        HealthReport r = report(KafkaStreams.State.REBALANCING, GroupProgress.of(1_000, 900));

        assertThat(r.up()).isFalse();
        assertThat(r.httpStatus()).isEqualTo(503);
        assertThat(r.fields()).containsEntry("status", "DOWN").containsEntry("streams", "REBALANCING")
                .containsEntry("reason", "no progress for 85 s with 900 records waiting on the raw topic"
                        + " (stall timeout 60 s)");
    }

    @Test
    void committingOffsetsIsProgressAndTurnsItUpAgain() {
        report(KafkaStreams.State.RUNNING, GroupProgress.of(1_000, 500));
        now = now.plusSeconds(61);
        assertThat(report(KafkaStreams.State.RUNNING, GroupProgress.of(1_000, 500)).up()).isFalse();
        now = now.plusSeconds(1);
        assertThat(report(KafkaStreams.State.RUNNING, GroupProgress.of(1_200, 300)).up()).isTrue();
        now = now.plusSeconds(30);
        assertThat(report(KafkaStreams.State.RUNNING, GroupProgress.of(1_200, 300)).up())
                .as("the clock restarts at the last progress").isTrue();
    }

    @Test
    void anIdleProcessorWithNothingWaitingStaysUp() {
        report(KafkaStreams.State.RUNNING, GroupProgress.of(1_000, 0));
        now = now.plusSeconds(3_600);
        assertThat(report(KafkaStreams.State.RUNNING, GroupProgress.of(1_000, 0)).up()).isTrue();
    }

    @Test
    void anUnreachableClusterIsDownWithTheReason() {
        HealthReport r = HealthReport.of(KafkaStreams.State.RUNNING, null,
                GroupProgress.unreachable("the Kafka cluster did not answer within 3000 ms"), Optional.empty());
        assertThat(r.up()).isFalse();
        assertThat(r.fields()).containsEntry("reason",
                "cannot reach the Kafka cluster: the Kafka cluster did not answer within 3000 ms");
    }

    private HealthReport report(KafkaStreams.State state, GroupProgress p) {
        return HealthReport.of(state, null, p, watch.observe(p));
    }
}

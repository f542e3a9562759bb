package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.health.GroupProbe;
import io.paypulse.health.HealthReport;
import io.paypulse.health.LagReport;
import io.paypulse.health.PartitionLagRow;
import io.paypulse.health.StallWatch;
import io.paypulse.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lag sample as fresh as the health look's own age rule serves as the look; otherwise the probe asks
 * the cluster. The probe here points at a closed port, so "asked the cluster" reads as DOWN "cannot reach".
 */
class ProcessorHealthTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicReference<LagReport> sample = new AtomicReference<>();
    private ProcessorHealth health;

    @AfterEach
    void close() {
        if (health != null) {
            health.close();
        }
    }

    @Test
    void aSampleWithinTheLooksAgeRuleIsUsedInsteadOfAskingTheCluster() throws IOException {
        health = healthWithUnreachableProbe();
        sample.set(caughtUp(T0.minus(ProcessorHealth.MIN_INTERVAL)));

        HealthReport r = health.report(KafkaStreams.State.RUNNING, null);

        assertThat(r.up()).as(r.reason()).isTrue();
    }

    @Test
    void anOlderSampleIsNotUsedTheProbeAsks() throws IOException {
        health = healthWithUnreachableProbe();
        sample.set(caughtUp(T0.minus(ProcessorHealth.MIN_INTERVAL).minusMillis(1)));

        HealthReport r = health.report(KafkaStreams.State.RUNNING, null);

        assertThat(r.up()).isFalse();
        assertThat(r.reason()).startsWith("cannot reach the Kafka cluster");
    }

    @Test
    void anUnreachableSampleIsNotUsedTheProbeSaysWhyInItsOwnWords() throws IOException {
        health = healthWithUnreachableProbe();
        sample.set(LagReport.unreachable(T0, "paypulse-processor", "payment", "Lag sampling was interrupted."));

        HealthReport r = health.report(KafkaStreams.State.RUNNING, null);

        assertThat(r.reason()).startsWith("cannot reach the Kafka cluster: the Kafka cluster");
    }

    private ProcessorHealth healthWithUnreachableProbe() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GroupProbe probe = new GroupProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closed),
                "paypulse-processor", "payment", Duration.ofMillis(500));
        return new ProcessorHealth(probe, new StallWatch(clock, Duration.ofSeconds(30)), clock,
                () -> Optional.ofNullable(sample.get()));
    }

    private static LagReport caughtUp(Instant at) {
        return new LagReport(at, "paypulse-processor", "payment",
                List.of(new PartitionLagRow(0, 100, 100, 0, -1, 0)), true, null);
    }
}

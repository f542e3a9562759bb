package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aCommitThatLostItsTransactionReplacesTheThreadAFewTimesThenStopsTheClient() {
        StreamThreadRecovery r = new StreamThreadRecovery(Clock.fixed(t0, ZoneOffset.UTC));
        StreamsException lost = new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
        for (int i = 0; i < StreamThreadRecovery.MAX_REPLACEMENTS; i++) {
            assertThat(r.replaceThreadFor(lost)).isTrue();
        }
        assertThat(r.replaceThreadFor(lost)).as("the same error again and again stops the client").isFalse();

        StreamThreadRecovery later = new StreamThreadRecovery(Clock.offset(Clock.fixed(t0, ZoneOffset.UTC),
                StreamThreadRecovery.WINDOW.plusSeconds(1)));
        assertThat(later.replaceThreadFor(lost)).isTrue();
    }

    @Test
    void aRebalanceThatFoundNoBrokerForTheRepartitionTopicReplacesTheThread() {
        StreamThreadRecovery r = new StreamThreadRecovery(Clock.fixed(t0, ZoneOffset.UTC));
        StreamsException noBroker = new StreamsException("Could not create topic app-window-partials-repartition.",
                new InvalidReplicationFactorException(
                        "Unable to replicate the partition 1 time(s): All brokers are currently fenced"));
        assertThat(r.replaceThreadFor(noBroker)).isTrue();
    }

    @Test
    void otherErrorsStillStopTheClient() {
        StreamThreadRecovery r = new StreamThreadRecovery(Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(r.replaceThreadFor(new StreamsException("boom", new IllegalArgumentException("x")))).isFalse();
    }
}

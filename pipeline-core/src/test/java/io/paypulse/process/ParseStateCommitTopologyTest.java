package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The parse task counts in memory and writes its stores just before Kafka Streams commits: a commit
 * with no flush tick in between must still find every counted event in the stores (and so in their
 * changelogs), or a crash after that commit would lose them. TopologyTestDriver commits after each
 * record, through the same task code as a running processor.
 */
class ParseStateCommitTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final TopologyOptions OPTIONS = new TopologyOptions(1, Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMinutes(30), Duration.ofMillis(100), List.of(), (topic, partition) -> OptionalLong.empty());

    private final TopologyHarness h = new TopologyHarness(OPTIONS, T0);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aCommitWithoutAFlushTickFindsEveryCountedEventInTheStores() {
        PaymentMessage failed = new PaymentMessage(PaymentType.PAYMENT, true, "order_000000000001", 1234, "user_000042",
                null, "Card declined", "8.8.8.8");
        h.send("user_000042", new LogEvent(T0.plusSeconds(1), Level.ERROR, failed.render()));
        h.send("user_000042", new LogEvent(T0.plusSeconds(2), Level.ERROR, failed.render()));

        CommitHookStore windows = (CommitHookStore) h.stateStore(ParseProcessor.WINDOWS_STORE);
        byte[] window = windows.store().get(Bytes.wrap(ByteBuffer.allocate(8).putLong(T0.toEpochMilli()).array()));
        assertThat(window).as("the window record after the commit").isNotNull();
        long total = 0;
        ByteBuffer v = ByteBuffer.wrap(window);
        for (int g = 0; g < 4; g++) {
            total += v.getLong();
            v.getLong();
        }
        assertThat(total).as("events the stored window counts").isEqualTo(2);

        CommitHookStore users = (CommitHookStore) h.stateStore(ParseProcessor.USERS_STORE);
        byte[] name = "user_000042".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] failures = users.store().get(Bytes.wrap(ByteBuffer.allocate(8 + name.length)
                .putLong(T0.toEpochMilli()).put(name).array()));
        assertThat(failures).as("the user's failed payments after the commit").isNotNull();
        assertThat(ByteBuffer.wrap(failures).getLong()).isEqualTo(2);
    }
}

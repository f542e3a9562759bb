package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.json.Mappers;
import io.paypulse.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The parse task counts in memory and writes its count stores only through {@link PreCommitStore}'s
 * hook: these tests prove the writes land in the transaction of the commit that covers them. The
 * driver runs with exactly-once, so what a test reads from a changelog is what committed
 * transactions hold, i.e. what a restart after a kill -9 restores. Writing on {@code flush()} (after
 * the commit, the first attempt) leaves the latest event out of every committed changelog and fails here.
 */
class PreCommitStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String APP = "pre-commit-test";

    @Test
    void everyCommitCarriesTheCountsOfTheEventsItsOffsetsCover() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        TopologyOptions options = TopologyOptions.of(1, Duration.ofSeconds(5), List.of());
        try (TopologyTestDriver driver = new TopologyTestDriver(PaymentTopology.build(options, new ProcessorStats()), p, T0)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.RAW, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<Bytes, byte[]> windows = driver.createOutputTopic(
                    APP + "-" + ParseProcessor.WINDOWS_STORE + "-changelog", Serdes.Bytes().deserializer(),
                    Serdes.ByteArray().deserializer());
            TestOutputTopic<Bytes, byte[]> users = driver.createOutputTopic(
                    APP + "-" + ParseProcessor.USERS_STORE + "-changelog", Serdes.Bytes().deserializer(),
                    Serdes.ByteArray().deserializer());
            Map<Bytes, byte[]> windowLog = new HashMap<>();
            Map<Bytes, byte[]> userLog = new HashMap<>();
            int failed = 0;
            for (int i = 1; i <= 50; i++) { // the driver commits after each record
                boolean fail = i % 3 == 0;
                failed += fail ? 1 : 0;
                Instant at = T0.plusMillis(100L * i);
                PaymentMessage m = new PaymentMessage(PaymentType.PAYMENT, fail, String.format("order_%012x", i), 100 * i,
                        "user_000001", fail ? null : "pay_0123456789abcdef", fail ? "Card declined" : null, "8.8.8.8");
                raw.pipeInput("user_000001", Mappers.json().writeValueAsBytes(new LogEvent(at, fail ? Level.ERROR : Level.INFO,
                        m.render())), at);
                windows.readKeyValuesToList().forEach(kv -> windowLog.put(kv.key, kv.value));
                users.readKeyValuesToList().forEach(kv -> userLog.put(kv.key, kv.value));

                byte[] window = windowLog.get(Bytes.wrap(ByteBuffer.allocate(8).putLong(T0.toEpochMilli()).array()));
                assertThat(window).as("committed window record after event %d", i).isNotNull();
                ByteBuffer v = ByteBuffer.wrap(window);
                long count = 0;
                for (int g = 0; g < 4; g++) {
                    count += v.getLong();
                    v.getLong();
                }
                assertThat(count).as("events counted in the committed changelog after event %d", i).isEqualTo(i);
                assertThat(v.getLong()).as("progress committed with it").isEqualTo(at.toEpochMilli());
                if (failed > 0) {
                    byte[] user = userLog.get(Bytes.wrap(ByteBuffer.allocate(8 + 11).putLong(T0.toEpochMilli())
                            .put("user_000001".getBytes(StandardCharsets.US_ASCII)).array()));
                    assertThat(user).as("committed user record after event %d", i).isNotNull();
                    assertThat(ByteBuffer.wrap(user).getLong()).as("failed payments committed after event %d", i)
                            .isEqualTo(failed);
                }
            }
        }
    }

    @Test
    void aCountStoreNotBuiltByItsBuilderIsRefusedAtOnce() {
        var plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("plain"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        assertThatThrownBy(() -> PreCommitStore.of(plain)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain");
    }
}

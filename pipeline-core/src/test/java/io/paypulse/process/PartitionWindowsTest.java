package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** A parse task's window state: per-partition lateness, split partials, and what a restart restores. */
class PartitionWindowsTest {

    private static final long T0 = 1_790_000_040_000L - Math.floorMod(1_790_000_040_000L, 60_000L);
    private static final long GRACE = 5_000;

    private final KeyValueStore<Bytes, byte[]> windowStore = store("w");
    private final KeyValueStore<Bytes, byte[]> userStore = store("u");

    private static KeyValueStore<Bytes, byte[]> store(String name) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "t");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            MockProcessorContext<Object, Object> context = new MockProcessorContext<>(p, new TaskId(0, 0),
                    Files.createTempDirectory("pw").toFile());
            KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                    Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEventIsLateOnlyOnceItsWindowEndPlusGraceIsAtOrBeforeThisPartitionsProgress() {
        PartitionWindows w = new PartitionWindows(windowStore, userStore, GRACE);
        w.add(T0 + 10_000, 0, 100, null, Long.MAX_VALUE);
        w.add(T0 + 64_999, 0, 100, null, Long.MAX_VALUE);
        assertThat(w.isLate(T0 + 10_000)).as("end + grace not reached").isFalse();
        assertThat(w.hasClosable()).isFalse();
        w.add(T0 + 65_000, 0, 100, null, Long.MAX_VALUE);
        assertThat(w.isLate(T0 + 10_000)).isTrue();
        assertThat(w.isLate(T0 + 60_000)).isFalse();
        assertThat(w.hasClosable()).isTrue();
        w.drain(0, ParseProcessor.MAX_PARTIAL_BYTES);
        assertThat(w.hasClosable()).isFalse();
    }

    @Test
    void aLargePartialIsSplitAndOnlyItsLastPartCarriesTheProgress() {
        PartitionWindows w = new PartitionWindows(windowStore, userStore, 3_600_000);
        for (int m = 0; m < 10; m++) {
            w.add(T0 + m * 60_000L, 1, 250, "user_" + m, Long.MAX_VALUE);
        }
        List<Partial> parts = w.drain(3, 300);
        assertThat(parts).hasSizeGreaterThan(3);
        assertThat(parts.subList(0, parts.size() - 1)).noneMatch(Partial::hasProgress);
        assertThat(parts.get(parts.size() - 1).progress()).isEqualTo(T0 + 9 * 60_000L);
        assertThat(parts).allMatch(p -> p.sourcePartition() == 3)
                .allMatch(p -> Partial.serde().serializer().serialize("t", p).length <= 300);
        assertThat(parts.stream().flatMap(p -> p.windows().stream()).mapToLong(Partial.WindowCounts::total).sum())
                .isEqualTo(10);
        assertThat(parts.stream().flatMap(p -> p.users().stream()).map(Partial.UserFailures::user)).hasSize(10);
        assertThat(w.drain(3, 300)).as("nothing changed since").isEmpty();
    }

    @Test
    void aRestartRestoresTheCountsAndProgressTheStoresHoldAndResendsThemAll() {
        PartitionWindows before = new PartitionWindows(windowStore, userStore, GRACE);
        before.add(T0 + 1_000, 1, 500, "user_1", Long.MAX_VALUE);
        before.add(T0 + 2_000, 1, 700, "user_1", Long.MAX_VALUE);
        before.drain(0, ParseProcessor.MAX_PARTIAL_BYTES);
        before.add(T0 + 70_000, 2, 300, null, Long.MAX_VALUE); // after the last partial: only the stores know it

        PartitionWindows after = new PartitionWindows(windowStore, userStore, GRACE);
        assertThat(after.progress()).isEqualTo(T0 + 70_000);
        List<Partial> resent = after.drain(0, ParseProcessor.MAX_PARTIAL_BYTES);
        assertThat(resent).singleElement().satisfies(p -> {
            assertThat(p.windows()).extracting(Partial.WindowCounts::start, Partial.WindowCounts::total)
                    .containsExactlyInAnyOrder(Tuple.tuple(T0, 2L),
                            Tuple.tuple(T0 + 60_000, 1L));
            assertThat(p.users()).singleElement().satisfies(u -> {
                assertThat(u.user()).isEqualTo("user_1");
                assertThat(u.failedPayments()).isEqualTo(2);
            });
            assertThat(p.progress()).isEqualTo(T0 + 70_000);
        });
        // [T0, T0 + 60 s) ended + grace for this partition: forgotten, and so after another restart.
        assertThat(new PartitionWindows(windowStore, userStore, GRACE).drain(0, ParseProcessor.MAX_PARTIAL_BYTES))
                .singleElement().satisfies(p -> assertThat(p.windows()).extracting(Partial.WindowCounts::start)
                        .containsExactly(T0 + 60_000));
    }
}

package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.sink.CsvSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processor replicas on one output volume (docs/decisions/0011): the first one's sinks write, the
 * others' wait and take over when it stops, instead of the second processor failing to start.
 */
class SinkTakeoverTest {

    /** Nothing listens there: the sinks only need their directory for this test. */
    private static final Map<String, Object> NO_BROKER = Map.of("bootstrap.servers", "127.0.0.1:9");

    @TempDir
    Path dir;

    @Test
    void aSecondProcessorsSinksWaitOnStandbyAndTakeOverWhenTheFirstStops() {
        SinkTakeover first = new SinkTakeover(sinks());
        SinkTakeover second = new SinkTakeover(sinks());
        try {
            first.start();
            assertThat(first.standby()).as("the first processor's sinks write").isEmpty();

            second.start(); // used to fail: "Another CSV sink 'parsed' is already writing in ..."
            assertThat(second.standby()).as("the second processor's sinks wait").containsExactly("parsed", "aggregates");

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.standby().isEmpty());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void closingWhileOnStandbyStopsWaiting() {
        SinkTakeover holder = new SinkTakeover(sinks());
        SinkTakeover waiter = new SinkTakeover(sinks());
        try {
            holder.start();
            waiter.start();
            waiter.close();
            assertThat(waiter.standby()).isEmpty();
        } finally {
            holder.close();
        }
        // The closed waiter never took the directory: a third processor gets it at once.
        SinkTakeover third = new SinkTakeover(sinks());
        try {
            third.start();
            assertThat(third.standby()).isEmpty();
        } finally {
            third.close();
        }
    }

    private List<CsvSink> sinks() {
        return List.of(CsvSink.parsed(NO_BROKER, dir), CsvSink.aggregates(NO_BROKER, dir));
    }
}

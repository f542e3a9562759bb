package io.paypulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.broker.PortProbe;
import io.paypulse.testing.RecordingWorkers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert feed's silences read on a thread from the app's Workers (issue 14 §4), so the app's own
 * shutdown check sees it, and that thread ends with the store. No broker needed: the reader starts at
 * once and keeps retrying a cluster that does not answer.
 */
class TopicSilenceStoreTest {

    @Test
    void readsOnAThreadFromTheGivenWorkersThatEndsWithTheStore() throws Exception {
        RecordingWorkers workers = new RecordingWorkers();
        String nobody = "127.0.0.1:" + PortProbe.freePort("127.0.0.1");

        try (TopicSilenceStore store = TopicSilenceStore.open(Map.of("bootstrap.servers", nobody), Clock.systemUTC(),
                workers)) {
            assertThat(workers.names()).containsExactly("silences-reader");
        }

        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).as("threads alive after close").isEmpty();
    }
}

package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import io.paypulse.testing.RecordingWorkers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's own threads end with it (issue 14 §4): after the window's shutdown, no thread the app was given
 * is still running. A leaked one is a test-launched app that leaves threads behind, or CPU after Quit.
 */
class AppThreadsJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    @Test
    @SuppressWarnings("unchecked") // the rate spinner's value type
    void everyThreadOfTheAppHasEndedAfterShutdown() throws Exception {
        RecordingWorkers workers = new RecordingWorkers();
        running.in(dir).workers(workers).launch();
        // The executors' threads start with their first task: first-run set-up, the first tick, and the
        // settings save a changed rate brings.
        Spinner<Double> rate = (Spinner<Double>) running.inMainWindow("#rateSpinner");
        onFx(() -> {
            rate.getValueFactory().setValue(250.0);
            return null;
        });
        await("the app's threads at work").atMost(Duration.ofSeconds(20))
                .until(() -> workers.names().containsAll(List.of("pipeline-ops", "ui-tick", "settings-writer")));

        running.close(); // shutdownForTest(), as the window's close, then the toolkit's stop

        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).as("threads alive after shutdown").isEmpty();
    }
}

package io.paypulse.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.alert.RulesFile;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.ProbeSample;
import io.paypulse.broker.PortProbe;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.testing.RecordingWorkers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop means stopped (issue 14 §4): after an embedded session has run and been closed, no thread it was
 * given (its broker's, processor's, sinks', generator's, live feed's, history loader's, cluster probe's) is
 * still running. A leaked one is CPU after Stop, or an app whose JVM does not exit.
 */
class PipelineSessionThreadsIT {

    @Test
    void everyThreadOfAnEmbeddedSessionHasEndedOnceItIsClosed(@TempDir Path dir) throws Exception {
        int brokerPort = PortProbe.freePort("127.0.0.1");
        PayPulseConfig config = PayPulseConfig.forCluster("", dir)
                .withGenerator(GeneratorSettings.defaults().with(s -> {
                    s.rate = 0;
                    s.events = 200;
                    s.seed = 3L;
                }))
                .with(b -> b.brokerPort = brokerPort);
        RecordingWorkers workers = new RecordingWorkers();

        try (PipelineSession session = PipelineSession.open(
                new ConnectionRequest(ConnectionMode.EMBEDDED, config, RulesFile.defaults()), Clock.systemUTC(),
                line -> { }, null, workers)) {
            await("events on the live feed and a cluster probe").atMost(Duration.ofSeconds(60)).until(() -> {
                FeedSnapshot s = session.data().snapshot();
                return s.totalEvents() > 0 && s.probe() != ProbeSample.NONE;
            });
        }

        assertThat(workers.names()).as("the session's parts all ran on threads it was given")
                .contains("broker-startup", "generator", "csv-sink-parsed",
                        "topic-feed", "history-backfill", "cluster-probe");
        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).as("threads alive after close").isEmpty();
    }
}

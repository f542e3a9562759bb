package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.alert.RulesFile;
import io.paypulse.broker.PortProbe;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.testing.RecordingWorkers;
import io.paypulse.testing.SharedBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop means stopped: after {@link LocalPipeline#close()} no thread the pipeline was given is still running
 * (a leaked one is a JVM that does not exit, or CPU spent after Stop). Every part that has threads of its
 * own runs here: generator, CSV sinks, health endpoint, lag meters, silences reader and a contact point.
 */
class LocalPipelineThreadsIT {

    private static final long EVENTS = 300;

    @Test
    void everyThreadThePipelineWasGivenHasEndedOnceItIsClosed(@TempDir Path dir) throws Exception {
        int httpPort = PortProbe.freePort("127.0.0.1");
        int closedPort = PortProbe.freePort("127.0.0.1"); // the contact point's receiver is down: it retries
        PayPulseConfig base = PayPulseConfig.forCluster(SharedBroker.bootstrapServers(), dir);
        PayPulseConfig config = base
                .withGenerator(GeneratorSettings.defaults().with(s -> {
                    s.rate = 0;
                    s.events = EVENTS;
                    s.seed = 7L;
                }))
                .withProcessor(base.processor().withHttpPort(httpPort)
                        .withNotifyWebhookUrl("http://127.0.0.1:" + closedPort + "/hook")
                        .with(b -> b.applicationId = "threads-it-" + UUID.randomUUID()));
        RecordingWorkers workers = new RecordingWorkers();

        try (LocalPipeline pipeline = new LocalPipeline(config, RulesFile.defaults(), Clock.systemUTC(), line -> { },
                workers)) {
            pipeline.start();
            assertThat(pipeline.generator().awaitDone(Duration.ofSeconds(30))).as("generator finished").isTrue();
            await("CSV rows written").atMost(Duration.ofSeconds(30)).until(() -> pipeline.processor().csvRowsWritten() > 0);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }

        assertThat(workers.names()).as("the parts that have threads of their own all ran")
                .contains("generator", "csv-sink-parsed", "csv-sink-aggregates",
                        "csv-sink-alerts", "paypulse-http", "lag-meters", "silences-reader")
                .anyMatch(n -> n.startsWith("notify-"));
        assertThat(workers.stillAliveAfter(Duration.ofSeconds(5))).as("threads alive after close").isEmpty();
    }
}

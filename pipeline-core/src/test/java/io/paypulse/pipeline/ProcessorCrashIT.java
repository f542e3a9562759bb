package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.generate.Generator;
import io.paypulse.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a crash: the processor runs as its own JVM ({@code paypulse process}) and
 * is killed with SIGKILL mid-run, then started again on the same state and output directory.
 * Uses its own broker because it owns the pipeline's topic names for the duration.
 *
 * <p>It once failed under heavy load because the window stage closed windows by its own wall clock
 * while parse tasks were still catching up; windows now close by wall clock only on idle marks from
 * the parse tasks (see Watermark and docs/decisions/0002).
 */
class ProcessorCrashIT {

    private static final int EVENTS = 200_000;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private Process processor;

    @AfterEach
    void tearDown() {
        if (processor != null) {
            processor.destroyForcibly();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aProcessorKilledMidRunLosesNothingAndCountsNothingTwice() throws Exception {
        broker = EmbeddedBroker.start(new BrokerOptions(dir.resolve("broker"), 0, false));
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-setup"))) {
            TopicSetup.ensure(admin, Topics.partitionsByTopic(6), (short) 1, Duration.ofSeconds(30));
        }
        Path processorDir = dir.resolve("processor");
        Path output = processorDir.resolve("output");

        processor = startProcessor(bootstrap, processorDir, "first");
        try (Generator generator = new Generator(ClusterClients.base(bootstrap, Map.of(), "test-generator"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = 40_000;
                    s.events = EVENTS;
                    s.seed = 7L;
                }), Clock.systemUTC())) {
            generator.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> CsvOutputs.parsedRows(output) >= 30_000);
            processor.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            long rowsAtCrash = CsvOutputs.parsedRows(output);
            assertThat(rowsAtCrash).as("killed mid-run").isLessThan(EVENTS);

            assertThat(generator.awaitDone(Duration.ofSeconds(60))).isTrue();
        }
        processor = startProcessor(bootstrap, processorDir, "second");

        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                    .until(() -> CsvOutputs.aggregatedEvents(output) >= EVENTS && CsvOutputs.parsedRows(output) >= EVENTS);
        } catch (ConditionTimeoutException e) {
            System.out.println("ProcessorCrashIT: timed out; parsed rows " + CsvOutputs.parsedRows(output)
                    + ", aggregated events " + CsvOutputs.aggregatedEvents(output));
            TransactionReport.print(bootstrap);
            throw e;
        }
        assertThat(CsvOutputs.parsedRows(output)).isEqualTo(EVENTS);
        AggregateCsvAssert.matches(output, ExpectedTotals.of(7, EVENTS));
    }

    private Process startProcessor(String bootstrap, Path dataDir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.paypulse.cli.Main", "process", "--bootstrap", bootstrap, "--data-dir", dataDir.toString(),
                // A killed member holds its partitions until its session expires; keep that short here.
                "--set", "kafka.session.timeout.ms=6000");
        // Kept under target/ (not the temp dir) so a failed run can be read afterwards.
        File log = Path.of("target", "processor-crash-it", "processor-" + name + ".log").toFile();
        log.getParentFile().mkdirs();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }
}

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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor killed with SIGKILL and started again on the same data directory makes progress
 * within 10 s: it neither waits out the dead member's consumer-group session nor the dead
 * instance's open transaction (issue 10 §2). Uses the defaults a user gets: no session timeout
 * override. Progress is the processor's group committing raw offsets beyond those at the kill (new
 * CSV rows alone could be the sink catching up on what the dead instance had committed).
 */
class ProcessorRestartIT {

    /**
     * From the restarted processor being up ("Processing from …") to its first commit. JVM start-up
     * is left out: on a machine shared by many builds it alone varies from 3 to 30 s.
     */
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private Process processor;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (processor != null) {
            processor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aProcessorRestartedAfterSigkillResumesWithinTenSeconds() throws Exception {
        broker = EmbeddedBroker.start(new BrokerOptions(dir.resolve("broker"), 0, false));
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-setup"))) {
            TopicSetup.ensure(admin, Topics.partitionsByTopic(6), (short) 1, Duration.ofSeconds(30));
        }
        Path processorDir = dir.resolve("processor");
        Path output = processorDir.resolve("output");
        try (Generator generator = new Generator(ClusterClients.base(bootstrap, Map.of(), "test-generator"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = 2_000;
                    s.seed = 7L;
                }), Clock.systemUTC())) {
            generator.start();
            processor = startProcessor(bootstrap, processorDir, "first");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> CsvOutputs.parsedRows(output) >= 5_000);
            processor.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

            long committedAtKill = committedRawOffsets(bootstrap);
            long restarted = System.nanoTime();
            processor = startProcessor(bootstrap, processorDir, "second");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(log("second")).contains("Processing from"));
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> committedRawOffsets(bootstrap) > committedAtKill);
            long committed = System.nanoTime();
            Duration toProgress = Duration.ofNanos(committed - up);
            System.out.printf("ProcessorRestartIT: launch -> processor up %.1f s, up -> first commit %.1f s (load %.1f)%n",
                    (up - restarted) / 1e9, (committed - up) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long rowsBefore = CsvOutputs.parsedRows(output);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> CsvOutputs.parsedRows(output) > rowsBefore);
            assertThat(toProgress).as("restart to first progress").isLessThan(RESUME_WITHIN);
        }
    }

    /** Sum of the processor group's committed offsets on the raw topic. */
    static long committedRawOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-progress"))) {
            return admin.listConsumerGroupOffsets("paypulse-processor").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.RAW) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private Process startProcessor(String bootstrap, Path dataDir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.paypulse.cli.Main", "process", "--bootstrap", bootstrap, "--data-dir", dataDir.toString());
        File log = log(name).toFile();
        log.getParentFile().mkdirs();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static Path log(String name) {
        return Path.of("target", "processor-restart-it", "processor-" + name + ".log");
    }
}

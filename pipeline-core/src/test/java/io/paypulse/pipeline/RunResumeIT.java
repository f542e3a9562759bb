package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.broker.PortProbe;
import io.paypulse.cli.Main;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.topic.Topics;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --events N} killed with SIGKILL mid-run and started again with the same command
 * resumes: the CSV files and aggregates equal those of one clean run of N events (issue 10 §2,
 * where 7 restarts of a 60,000-event run left 243,207 rows).
 */
class RunResumeIT {

    private static final int EVENTS = 60_000;

    @TempDir
    Path dataDir;

    private Process run;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (run != null) {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledRunStartedAgainEndsWithTheTotalsOfOneCleanRun() throws Exception {
        int port = PortProbe.freePort("localhost");
        List<String> args = List.of("run", "--events", Integer.toString(EVENTS), "--seed", "7", "--rate", "5000",
                "--broker-port", Integer.toString(port), "--data-dir", dataDir.toString(), "--timeout", "240");
        run = startRun(args);
        String bootstrap = "localhost:" + port;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> rawRecords(bootstrap) >= EVENTS / 3);
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: broker, processor and generator die
        run = null;

        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(System.err, true),
                args.toArray(String[]::new));

        System.out.println(out);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Resuming the unfinished run of " + EVENTS + " events (seed 7")
                .contains("Processed " + EVENTS + " events (");
        Path output = dataDir.resolve("output");
        assertThat(CsvOutputs.parsedRows(output)).as("enriched rows").isEqualTo(EVENTS);
        assertThat(CsvOutputs.rows(output, "enriched_data_").stream().map(r -> r[4]).collect(Collectors.toSet()))
                .as("distinct order ids").hasSize(EVENTS);
        AggregateCsvAssert.matches(output, ExpectedTotals.of(7, EVENTS));
    }

    @Test
    void anotherRunOnADataDirectoryWithAnUnfinishedRunIsRefusedWithAPointerToFresh() throws Exception {
        int port = PortProbe.freePort("localhost");
        run = startRun(List.of("run", "--events", "50000", "--seed", "7", "--rate", "2000",
                "--broker-port", Integer.toString(port), "--data-dir", dataDir.toString()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> rawRecords("localhost:" + port) > 0);
        run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        run = null;

        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "run", "--events", "1000", "--seed", "8", "--broker-port", "0", "--data-dir", dataDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("holds an unfinished run of 50000 events (seed 7, scenario normal)")
                .contains("--fresh");
    }

    private static long rawRecords(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-progress"))) {
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, 6).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.RAW, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    private static Process startRun(List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "io.paypulse.cli.Main"));
        cmd.addAll(args);
        File log = Path.of("target", "run-resume-it", "run-" + System.nanoTime() + ".log").toFile();
        log.getParentFile().mkdirs();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }
}

package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentType;
import io.paypulse.generate.Generator;
import io.paypulse.generate.GeneratorTally;
import io.paypulse.stack.PipelineRecount;
import io.paypulse.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's scale-out (two {@code paypulse process} instances, same application id, own data
 * directories, the second with {@code --no-sinks}) survives a SIGKILL of either instance mid-run
 * (issue 11): the survivor takes the dead instance's partitions over (after its 10 s session, the
 * default), the dead instance's open transaction is aborted, and the final windows on
 * {@code payment-agg-1m} hold exactly what the generator sent, each window and group once, equal to a
 * recount of the raw topic, with nothing late (a late event would be in {@code payment-dlq}).
 * Killing the instance that runs the CSV sinks stops the CSVs until it is started again: then they
 * hold every event once.
 *
 * <p>The generator's event time runs two minutes behind the wall clock, so that every window can
 * close as soon as the partitions go idle after the last event, instead of a minute later.
 * Everything is checked from outside: topics, CSV files, {@code /health}, {@code /metrics}.
 */
class ProcessorFailoverIT {

    private static final double RATE = 2_000;
    /** Parsed by each instance before the kill: both have partitions and have committed work. */
    private static final double BOTH_BUSY = 300;
    /**
     * Sent after the kill before the generator stops (5 s at {@link #RATE}): the dead instance's
     * partitions pile up a backlog until the survivor takes them over.
     */
    private static final long SENT_AFTER_KILL = 10_000;
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<CliProcessor> processors = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        for (CliProcessor p : processors) {
            p.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void killingTheInstanceWithoutSinksMidRunLosesNothingAndCountsNothingTwice() throws Exception {
        Run run = startBothAndGenerate();
        run.kill(run.b);
        run.finish();
        run.assertFinalWindowsExact(run.a);
        await().atMost(FINAL_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> CsvOutputs.aggregatedEvents(run.a.outputDir()) >= run.tally.total());
        assertCsvsExact(run.a.outputDir(), run.tally);
    }

    @Test
    void killingTheInstanceWithTheSinksMidRunLosesNothingAndItsRestartFinishesTheCsvsExactlyOnce() throws Exception {
        Run run = startBothAndGenerate();
        run.kill(run.a);
        run.finish();
        run.assertFinalWindowsExact(run.b);

        run.a.start(); // same data directory: the sinks resume from their checkpoints
        try {
            await().atMost(FINAL_WITHIN).pollInterval(Duration.ofMillis(250))
                    .until(() -> CsvOutputs.aggregatedEvents(run.a.outputDir()) >= run.tally.total()
                            && CsvOutputs.parsedRows(run.a.outputDir()) >= run.tally.total());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("After the restart of " + run.a.name() + " the CSVs hold "
                    + CsvOutputs.parsedRows(run.a.outputDir()) + " enriched rows and "
                    + CsvOutputs.aggregatedEvents(run.a.outputDir()) + " aggregated events of " + run.tally.total()
                    + "; its log ends:\n" + run.a.lastLogLines(30), e);
        }
        assertCsvsExact(run.a.outputDir(), run.tally);
    }

    /** Broker, topics, instance a (sinks) and b (no sinks) up, the generator sending, both instances busy. */
    private Run startBothAndGenerate() throws Exception {
        broker = EmbeddedBroker.start(new BrokerOptions(dir.resolve("broker"), 0, false));
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-setup"))) {
            TopicSetup.ensure(admin, Topics.partitionsByTopic(6), (short) 1, Duration.ofSeconds(30));
        }
        CliProcessor a = new CliProcessor("a", bootstrap, dir.resolve("a"), true);
        CliProcessor b = new CliProcessor("b", bootstrap, dir.resolve("b"), false);
        processors.addAll(List.of(a, b));
        a.start();
        b.start();
        awaitOrExplain("both instances UP", Duration.ofSeconds(90), () -> a.up() && b.up(), a, b);
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));
        // Unbounded: it runs until after the kill, however slowly the instances start on a busy machine.
        Generator generator = new Generator(ClusterClients.base(bootstrap, Map.of(), "test-generator"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = RATE;
                    s.seed = 11L;
                }), behind);
        generator.start();
        Run run = new Run(bootstrap, a, b, generator);
        awaitOrExplain("both instances parsing", Duration.ofSeconds(120),
                () -> a.metric("paypulse_events_parsed_total") >= BOTH_BUSY
                        && b.metric("paypulse_events_parsed_total") >= BOTH_BUSY, a, b);
        return run;
    }

    private static void awaitOrExplain(String what, Duration within, Callable<Boolean> condition,
            CliProcessor... processors) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder b = new StringBuilder("Timed out waiting for " + what + ".");
            for (CliProcessor p : processors) {
                b.append("\n---- ").append(p.name()).append(" (alive ").append(p.alive()).append(", parsed ")
                        .append(p.metric("paypulse_events_parsed_total")).append(")\n").append(p.lastLogLines(20));
            }
            throw new AssertionError(b.toString(), e);
        }
    }

    /** One run: the two instances and the generator, until the final windows are checked. */
    private final class Run {
        final String bootstrap;
        final CliProcessor a;
        final CliProcessor b;
        final Generator generator;
        GeneratorTally tally;
        private long sentAtKill;
        private PipelineRecount recount;

        Run(String bootstrap, CliProcessor a, CliProcessor b, Generator generator) {
            this.bootstrap = bootstrap;
            this.a = a;
            this.b = b;
            this.generator = generator;
        }

        void kill(CliProcessor victim) throws InterruptedException {
            double parsed = victim.metric("paypulse_events_parsed_total");
            victim.kill();
            sentAtKill = generator.sent();
            System.out.printf("ProcessorFailoverIT: killed %s (it had parsed %.0f events; %d sent so far)%n",
                    victim.name(), parsed, sentAtKill);
        }

        /** Lets the generator send {@link #SENT_AFTER_KILL} more, stops it, then waits for every window to be final (or the deadline). */
        void finish() throws Exception {
            await().atMost(Duration.ofSeconds(60)).until(() -> generator.sent() >= sentAtKill + SENT_AFTER_KILL);
            generator.close();
            tally = generator.tally();
            assertThat(tally.total()).as("generator's tally vs events it sent").isEqualTo(generator.sent());
            long done = System.nanoTime();
            recount = new PipelineRecount(bootstrap);
            await().atMost(Duration.ofSeconds(30)).until(recount::assign);
            recount.awaitFinals(tally.total(), FINAL_WITHIN);
            System.out.printf("ProcessorFailoverIT: final windows count %d of %d events %.1f s after the last send%n",
                    recount.finals.total(), tally.total(), (System.nanoTime() - done) / 1e9);
        }

        void assertFinalWindowsExact(CliProcessor survivor) {
            try (PipelineRecount r = recount) {
                Map<String, String> sent = PipelineRecount.byGroup(tally);
                assertThat(r.raw.byGroup()).as("raw topic recount vs the generator's tally").isEqualTo(sent);
                assertThat(r.finalsSeenTwice).as("final windows (start, group) published more than once").isEmpty();
                assertThat(r.finals.byGroup()).as("final windows vs the generator's tally; survivor %s's log ends:%n%s",
                        survivor.name(), survivor.lastLogLines(15)).isEqualTo(sent);
                assertThat(r.deadLetters).as("dead letters (late or unreadable events)").isEmpty();
                assertThat(survivor.alive()).as("survivor %s still running", survivor.name()).isTrue();
                assertThat(survivor.metric("paypulse_events_late_total")).as("late events at %s", survivor.name()).isZero();
            }
        }
    }

    /** Every event once in the enriched CSV; the aggregate CSV: each window and group once, totals = the tally. */
    private static void assertCsvsExact(Path output, GeneratorTally tally) {
        assertThat(CsvOutputs.parsedRows(output)).as("enriched CSV rows").isEqualTo(tally.total());
        Set<String> seen = new HashSet<>();
        Map<String, String> byGroup = new HashMap<>();
        long[] counts = new long[Group.ALL.size()];
        long[] cents = new long[Group.ALL.size()];
        for (String[] row : CsvOutputs.rows(output, "aggregated_data_")) {
            assertThat(seen.add(row[0] + "|" + row[2] + "|" + row[3])).as("aggregate CSV row %s %s %s once", row[0],
                    row[2], row[3]).isTrue();
            int g = Group.of(PaymentType.fromLabel(row[2]), Boolean.parseBoolean(row[3])).index();
            counts[g] += Long.parseLong(row[4]);
            cents[g] += Money.parse(row[5]);
        }
        for (Group g : Group.ALL) {
            byGroup.put(g.key(), counts[g.index()] + "/" + Money.format(cents[g.index()]));
        }
        assertThat(byGroup).as("aggregate CSV vs the generator's tally").isEqualTo(PipelineRecount.byGroup(tally));
    }
}

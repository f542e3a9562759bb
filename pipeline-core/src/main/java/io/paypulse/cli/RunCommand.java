package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.generate.GeneratorTally;
import io.paypulse.generate.RunMarker;
import io.paypulse.pipeline.BoundedRun;
import io.paypulse.pipeline.Completion;
import io.paypulse.pipeline.LocalPipeline;
import io.paypulse.process.ProcessorStats;
import io.paypulse.process.ProcessorStoppedException;
import io.paypulse.threads.Workers;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline in this process: embedded Kafka broker, processor, CSV sinks and generator.",
            "Without --events it runs until Ctrl-C. Example: paypulse run --events 200000 --seed 7 --rate 0"})
final class RunCommand implements Callable<Integer> {

    /** The composition root of this command: every thread it starts comes from here. */
    private final Workers workers = Workers.standard();

    @Mixin
    CommonOptions common;

    @Mixin
    ProcessorOptions processorOptions;

    @SettingFlag(ConfigKeys.EVENTS)
    @Option(names = "--events", paramLabel = "N",
            description = "Send N events, wait until all are processed and their windows are final, then exit.")
    String events;

    @Mixin
    GeneratorOptions generatorOptions;

    @SettingFlag(ConfigKeys.BROKER_PORT)
    @Option(names = "--broker-port", paramLabel = "PORT", description = "Embedded broker port. Default 9092 (another free port if taken).")
    String brokerPort;

    @Mixin
    BootstrapOption bootstrap;

    @Option(names = "--fresh", description = "Delete the broker data, processor state and outputs first.")
    boolean fresh;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "With --events: give up if processing has not finished after this long. Default ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    ClientConfigOptions clientConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PayPulseConfig config = common.load();
        var alertRules = Rules.of(config);
        if (fresh) {
            DataDir.wipe(config.dataDir());
            RunMarker.delete(config.dataDir());
        }
        DataDir.requireUsable(config, config.fileModes());
        BoundedRun run = BoundedRun.plan(config);
        config = run.config();
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (LocalPipeline pipeline = new LocalPipeline(config, alertRules, Clock.systemUTC(), out::println, workers)
                .withHooks(run)) {
            ShutdownLatch shutdown = new ShutdownLatch(pipeline, workers);
            pipeline.start();
            pipeline.processor().whenFailed(shutdown::release); // a dead processor ends the run (exit 1)
            pipeline.interruptOnFailure(Thread.currentThread()); // a dead broker ends the waits below at once
            out.println("Writing CSV files to " + config.outputDir());
            int code;
            try {
                if (config.generator().events() == 0) {
                    out.println("Running; press Ctrl-C to stop.");
                    shutdown.await();
                    stopIfProcessorFailed(pipeline, shutdown);
                    return 0;
                }
                if (run.resuming()) {
                    out.println(resumeMessage(run));
                }
                code = awaitBoundedRun(pipeline, run, out);
            } catch (InterruptedException e) {
                throw pipeline.failure().isPresent() ? pipeline.failure().get() : e;
            }
            stopIfProcessorFailed(pipeline, shutdown);
            out.printf("Finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
            shutdown.disarm();
            return code;
        }
    }

    private static void stopIfProcessorFailed(LocalPipeline pipeline, ShutdownLatch shutdown) {
        Throwable failure = pipeline.processor() == null ? null : pipeline.processor().failure();
        if (failure != null) {
            shutdown.disarm();
            throw new ProcessorStoppedException(failure);
        }
    }

    private int awaitBoundedRun(LocalPipeline pipeline, BoundedRun run, PrintWriter out) throws InterruptedException {
        long n = run.config().generator().events();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean sent = false;
        while (!sent && pipeline.processor().failure() == null && System.nanoTime() < deadline) {
            sent = pipeline.generator().awaitDone(Duration.ofMillis(500)); // checking for a failed processor
        }
        if (pipeline.processor().failure() != null) {
            return Errors.FAILED; // reported by stopIfProcessorFailed
        }
        if (!sent) {
            spec.commandLine().getErr().println("paypulse: the generator did not finish sending " + n + " events within "
                    + timeoutSeconds + " s.");
            return Errors.FAILED;
        }
        out.println("Sent " + n + " events; waiting for the processor to finish their windows…");
        PayPulseConfig config = pipeline.config();
        try (Admin admin = Admin.create(ClusterClients.base(config, "paypulse-progress"))) {
            if (!Completion.await(admin, config.processor().applicationId(), pipeline.processor(),
                    run.eventsToAccountFor(), timeout)) {
                if (pipeline.processor().failure() != null) {
                    return Errors.FAILED; // reported by stopIfProcessorFailed
                }
                spec.commandLine().getErr().println("paypulse: processing did not finish within " + timeoutSeconds + " s.");
                return Errors.FAILED;
            }
        }
        GeneratorTally tally = pipeline.generator().tally();
        for (Group g : Group.ALL) {
            out.printf("  %-15s %10d events  $%s%n", g.key(), tally.count(g), Money.format(tally.sumCents(g)));
        }
        run.finished();
        out.println(summary(n, run, pipeline.processor().stats()));
        return 0;
    }

    /** Said when a killed run starts again: what is already there and that only the rest is sent. */
    static String resumeMessage(BoundedRun run) {
        var g = run.config().generator();
        return "Resuming the unfinished run of " + g.events() + " events (seed " + g.seed() + ", scenario "
                + g.scenario() + "): " + run.resumedFrom() + " already on the topic, sending the rest."
                + " Add --fresh to start over instead.";
    }

    /**
     * The last line of a bounded run. After a restart the processor's own counts cover only this
     * start, so they are labelled as such rather than passed off as the run's.
     */
    static String summary(long n, BoundedRun run, ProcessorStats stats) {
        if (!run.resuming()) {
            return String.format("Processed %d events: %d in final windows, %d rejected to the DLQ, %d late.",
                    n, stats.finalizedEventCount(), stats.rejectedCount(), stats.lateCount());
        }
        return String.format("Processed %d events (%d sent before the restart, %d after); since the restart %d"
                + " reached final windows, %d were rejected to the DLQ, %d late.", n, run.resumedFrom(),
                n - run.resumedFrom(), stats.finalizedEventCount(), stats.rejectedCount(), stats.lateCount());
    }
}

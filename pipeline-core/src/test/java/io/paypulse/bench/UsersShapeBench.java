package io.paypulse.bench;

import io.paypulse.broker.PortProbe;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The users' shape of issue 11, as a new user would measure it: a broker in its own JVM
 * ({@code java -jar paypulse.jar broker}), N events pre-filled on {@code payment} (3 partitions) in
 * the original project's exact format at 2,000 events per second of event time, then fresh JVMs:
 * the bare-consumer baseline and a cold {@code paypulse process} (default settings, exactly-once),
 * a warm second pass in the same JVM, event → aggregate latency at paced rates, and scale-out
 * ({@code --threads 2}; two instances). Every final aggregate is checked against the fill's ground
 * truth; any difference fails the bench. Prints one Markdown table (and writes it to
 * {@code target/bench/}); progress goes to stderr.
 *
 * <p>Run through {@code pipeline-core/bench/run-users-shape.sh}. Knobs (environment):
 * {@code USERS_SHAPE_EVENTS} (1000000), {@code USERS_SHAPE_WARM} (true), {@code USERS_SHAPE_SCALE}
 * (true), {@code USERS_SHAPE_LATENCY_RATES} ("10000,100000"; empty skips), {@code USERS_SHAPE_LATENCY_WARMUP}
 * and {@code USERS_SHAPE_LATENCY_SECONDS} (10 and 30), {@code USERS_SHAPE_PROCESS_OPTS} (JVM options
 * of the process JVMs, default none), {@code USERS_SHAPE_TIMEOUT} (seconds per wait, 600),
 * {@code USERS_SHAPE_JAR} (target/paypulse.jar).
 */
public final class UsersShapeBench {

    static final int PARTITIONS = 3;
    /** The processor's default grace: windows close this long after their end. */
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Pattern BROKER_READY = Pattern.compile("Broker ready on (\\S+) in");
    private static final Pattern BASELINE = Pattern.compile(
            "baseline: events (\\d+) rejected (\\d+) loop-seconds ([\\d.]+) cpu-seconds ([\\d.]+)");

    private final long events = longEnv("USERS_SHAPE_EVENTS", 1_000_000);
    private final Duration timeout = Duration.ofSeconds(longEnv("USERS_SHAPE_TIMEOUT", 600));
    private final Path jar = Path.of(env("USERS_SHAPE_JAR", "target/paypulse.jar")).toAbsolutePath();
    private final List<String> processOpts = words(env("USERS_SHAPE_PROCESS_OPTS", ""));
    private final Path root;
    private final Map<String, String> childEnv = new HashMap<>();
    private final UsersShapeReport report;

    private UsersShapeBench(Path root) {
        this.root = root;
        this.report = new UsersShapeReport(events);
        // Default settings: no user config file, no PAYPULSE_* variables of whoever runs the bench.
        childEnv.put("XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        childEnv.put("XDG_DATA_HOME", root.resolve("xdg-data").toString());
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("paypulse-users-shape-");
        int exit = 0;
        try {
            UsersShapeBench bench = new UsersShapeBench(root);
            String text = bench.run();
            System.out.println(text);
            String out = System.getProperty("bench.output");
            if (out != null) {
                Path file = Path.of(out);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, text);
                progress("table also written to " + file);
            }
        } catch (Throwable t) {
            System.err.println("users-shape bench FAILED: " + t);
            t.printStackTrace();
            exit = 1;
        } finally {
            if (exit == 0) {
                delete(root);
            } else {
                System.err.println("users-shape bench: logs kept in " + root);
            }
        }
        System.exit(exit); // Kafka clients may leave non-daemon threads
    }

    private String run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": run 'make jar' first");
        }
        Instant start = Instant.now();
        progress("users' shape: " + events + " events, jar " + jar + ", work dir " + root);
        coldAndWarm();
        if (!"false".equals(System.getenv("USERS_SHAPE_SCALE")) || !latencyRates().isBlank()) {
            scaleAndLatency();
        }
        return report.render(Duration.between(start, Instant.now()));
    }

    /** Broker A: fill, baseline, cold process, warm second pass. */
    private void coldAndWarm() throws Exception {
        try (ChildJvm broker = startBroker("broker-a"); Admin admin = admin(broker)) {
            String bootstrap = bootstrap(broker);
            Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
            UsersShapeFill.Result fill = fill(bootstrap, first, 1);
            report.fill(fill);

            progress("baseline: bare KafkaConsumer + RawEventReader.local() in a fresh JVM");
            ChildJvm baseline = ChildJvm.start("baseline", List.of("-cp", System.getProperty("java.class.path"),
                    "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", "")),
                    List.of(BareConsumerBaseline.class.getName(), bootstrap, Topics.RAW), root.resolve("baseline.log"),
                    childEnv);
            int code = baseline.awaitExit(timeout);
            double wall = baseline.secondsSinceStart(System.nanoTime());
            Matcher m = BASELINE.matcher(Files.readString(baseline.log));
            if (code != 0 || !m.find()) {
                throw new IllegalStateException("the baseline failed (exit " + code + "):\n" + baseline.tail(30));
            }
            if (Long.parseLong(m.group(1)) != events) {
                throw new IllegalStateException("the baseline read " + m.group(1) + " events, not " + events);
            }
            report.baseline(wall, Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
            progress(PipelineBench.fmt("   %.1f s (JVM start to exit), %.0f events/s", wall, events / wall));

            progress("cold: paypulse process (default settings, exactly-once, fresh data dir)");
            Path data = root.resolve("process-cold");
            try (ProcessorWatch watch = new ProcessorWatch(admin, bootstrap);
                 ChildJvm process = startProcess("process-cold", bootstrap, data, List.of())) {
                UsersShapeReport.Pass cold = awaitPass(watch, process, process.startedNanos, "paypulse-processor",
                        data.resolve("output"), fill.truth(), 0);
                report.cold(cold, process.peakRssBytes());
                List<WindowGroundTruth> truths = new ArrayList<>(List.of(fill.truth()));
                if (!"false".equals(System.getenv("USERS_SHAPE_WARM"))) {
                    // The processor has gone idle, so its watermark follows the wall clock: a second
                    // batch in the past would be all late. It starts 30 s after the wall clock (still
                    // 2,000/s of event time, so it reaches into the future, within the 15 min the reader
                    // allows): while its transaction is open the processor sees no input and keeps
                    // sending idle marks, which must not overtake the batch's first window.
                    Instant next = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
                    if (events / UsersShapeFill.EVENTS_PER_SECOND > 14 * 60) {
                        throw new IllegalStateException("USERS_SHAPE_EVENTS above 1,680,000 would put the warm"
                                + " batch more than 15 min in the future: set USERS_SHAPE_WARM=false");
                    }
                    progress("warm: a second batch of " + events + " events in one transaction, read by the same JVM");
                    double cpuBefore = process.cpuSeconds();
                    UsersShapeFill.Result fill2 = fill(bootstrap, next, 2, true);
                    // Its windows close only when the wall clock reaches them (an event moves its
                    // partition's progress at most to its send time + grace: decision 0010): wait for
                    // and check those the wall clock has closed by the end of the fill (usually none).
                    WindowGroundTruth closed = fill2.truth().closedBy(Instant.now(), GRACE);
                    UsersShapeReport.Pass warm = awaitPass(watch, process, fill2.visibleNanos(), "paypulse-processor",
                            data.resolve("output"), closed, cpuBefore);
                    report.warm(warm, fill2, process.peakRssBytes());
                    truths.add(closed);
                }
                checkOutOfRange(watch, truths);
            }
        }
    }

    /** Broker B: one fill, --threads 2, two instances, then latency on the emptied topics. */
    private void scaleAndLatency() throws Exception {
        try (ChildJvm broker = startBroker("broker-b"); Admin admin = admin(broker)) {
            String bootstrap = bootstrap(broker);
            if (!"false".equals(System.getenv("USERS_SHAPE_SCALE"))) {
                Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
                UsersShapeFill.Result fill = fill(bootstrap, first, 3);

                progress("scale: paypulse process --threads 2");
                Path data = root.resolve("process-threads2");
                try (ProcessorWatch watch = new ProcessorWatch(admin, bootstrap);
                     ChildJvm process = startProcess("process-threads2", bootstrap, data,
                             List.of("--threads", "2", "--application-id", "bench-threads2"))) {
                    report.threads2(awaitPass(watch, process, process.startedNanos, "bench-threads2",
                            data.resolve("output"), fill.truth(), 0));
                }

                progress("scale: two paypulse process instances (the second --no-sinks)");
                Path data1 = root.resolve("process-two-1");
                Path data2 = root.resolve("process-two-2");
                try (ProcessorWatch watch = new ProcessorWatch(admin, bootstrap);
                     ChildJvm p1 = startProcess("process-two-1", bootstrap, data1, List.of("--application-id", "bench-two",
                             "--http-port", Integer.toString(PortProbe.freePort("127.0.0.1"))));
                     ChildJvm p2 = startProcess("process-two-2", bootstrap, data2, List.of("--application-id", "bench-two",
                             "--no-sinks", "--http-port", Integer.toString(PortProbe.freePort("127.0.0.1"))))) {
                    UsersShapeReport.Pass two = awaitPass(watch, p1, p1.startedNanos, "bench-two",
                            data1.resolve("output"), fill.truth(), 0);
                    p2.requireAlive();
                    report.twoInstances(two, p2.cpuSeconds());
                }
            }
            List<Double> rates = new ArrayList<>();
            for (String r : latencyRates().split(",")) {
                if (!r.isBlank()) {
                    rates.add(Double.parseDouble(r.trim()));
                }
            }
            if (rates.isEmpty()) {
                return;
            }
            truncate(admin, List.of(Topics.RAW, Topics.PARSED, Topics.AGGREGATES, Topics.ALERTS, Topics.DLQ));
            Duration warmup = Duration.ofSeconds(longEnv("USERS_SHAPE_LATENCY_WARMUP", 10));
            Duration measured = Duration.ofSeconds(longEnv("USERS_SHAPE_LATENCY_SECONDS", 30));
            progress("latency: paypulse process (default settings) on the emptied topics");
            try (ChildJvm process = startProcess("process-latency", bootstrap, root.resolve("process-latency"),
                    List.of("--application-id", "bench-latency"))) {
                awaitStableGroup(admin, process, "bench-latency");
                Map<Long, LatencyBench.LongList> sendTimes = new HashMap<>();
                long seed = 10;
                // Until the processor has sent a first live update: Streams start-up is not latency.
                long primed = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (PacedLatency.run(bootstrap, 1000, Duration.ZERO, Duration.ofSeconds(2), seed++, sendTimes)
                        .measured() == 0) {
                    process.requireAlive();
                    if (System.nanoTime() > primed) {
                        throw new IllegalStateException("the processor sent no live update within 120 s");
                    }
                }
                for (double rate : rates) {
                    progress(PipelineBench.fmt("latency at %,.0f events/s: %d s warm-up, %d s measured", rate,
                            warmup.toSeconds(), measured.toSeconds()));
                    PacedLatency.Result l = PacedLatency.run(bootstrap, rate, warmup, measured, seed++, sendTimes);
                    process.requireAlive();
                    progress(PipelineBench.fmt("   achieved %,.0f events/s; p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                            l.achievedRate(), l.p50Ms(), l.p99Ms(), l.maxMs()));
                    report.latency(l);
                }
            }
        }
    }

    private UsersShapeFill.Result fill(String bootstrap, Instant first, long seed) {
        return fill(bootstrap, first, seed, false);
    }

    private UsersShapeFill.Result fill(String bootstrap, Instant first, long seed, boolean oneTransaction) {
        progress("fill: " + events + " events in the original format, 2,000/s of event time from " + first
                + (oneTransaction ? ", one transaction" : ""));
        UsersShapeFill.Result fill = UsersShapeFill.run(bootstrap, events, first, seed, oneTransaction);
        progress(PipelineBench.fmt("   %.1f s (%,.0f events/s), %d windows x groups, last event at %s",
                fill.seconds(), fill.perSecond(), fill.truth().expected().size(), fill.lastEventTime()));
        return fill;
    }

    /**
     * Waits (timed from {@code t0}) until all is parsed (the group's committed offsets), the enriched
     * CSV is durable (the checkpoint) and every window of {@code truth} is final, then checks the
     * finals against the truth exactly.
     */
    private UsersShapeReport.Pass awaitPass(ProcessorWatch watch, ChildJvm process, long t0, String applicationId,
            Path outputDir, WindowGroundTruth truth, double cpuBefore) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long committedBefore = watch.committed(applicationId);
        ThreadCpuTally threads = new ThreadCpuTally(process);
        long lastSample = 0;
        long first = -1;
        long parsed = -1;
        long csv = -1;
        long finals = -1;
        double cpuAtDone;
        long lastProgress = System.nanoTime();
        while (true) {
            process.requireAlive();
            watch.requireHealthy();
            long now = System.nanoTime();
            if (first < 0 && watch.committed(applicationId) > committedBefore) {
                first = now;
                progress(PipelineBench.fmt("   first events committed after %.1f s", (now - t0) / 1e9));
            }
            if (parsed < 0 && watch.allParsed(applicationId)) {
                parsed = now;
                progress(PipelineBench.fmt("   all parsed after %.1f s", (now - t0) / 1e9));
            }
            if (parsed >= 0 && csv < 0 && watch.csvDurable(outputDir)) {
                csv = now;
                progress(PipelineBench.fmt("   enriched CSV durable after %.1f s", (now - t0) / 1e9));
            }
            if (finals < 0 && watch.allFinal(truth)) {
                finals = now;
                progress(PipelineBench.fmt("   all %d windows x groups final after %.1f s", truth.expected().size(),
                        (now - t0) / 1e9));
            }
            if (now - lastSample > 250_000_000L) {
                threads.sample();
                lastSample = now;
            }
            if (parsed >= 0 && csv >= 0 && finals >= 0) {
                threads.sample();
                cpuAtDone = process.cpuSeconds();
                break;
            }
            if (now > deadline) {
                throw new IllegalStateException(PipelineBench.fmt("%s did not finish within %s: parsed %s, CSV %s,"
                                + " %d of %d finals", process.name, timeout, parsed >= 0, csv >= 0,
                        watch.finals().size(), truth.expected().size()));
            }
            if (now - lastProgress > 10_000_000_000L) {
                lastProgress = now;
                progress(PipelineBench.fmt("   ... %.0f s, %d finals so far", (now - t0) / 1e9, watch.finals().size()));
            }
            Thread.sleep(20); // polling external state (offsets, a checkpoint file, a topic)
        }
        List<String> differences = truth.differences(watch.finals());
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the final aggregates differ from the ground truth: " + differences);
        }
        progress("   all " + truth.expected().size() + " final aggregates equal the ground truth exactly");
        String threadCpu = threads.top(6);
        progress("   CPU by thread: " + threadCpu);
        return new UsersShapeReport.Pass((first - t0) / 1e9, (parsed - t0) / 1e9, (csv - t0) / 1e9, (finals - t0) / 1e9,
                cpuAtDone - cpuBefore, truth.expected().size(), truth.events(), threadCpu);
    }

    /** Every final seen must belong to a batch of this run. */
    private static void checkOutOfRange(ProcessorWatch watch, List<WindowGroundTruth> truths) {
        watch.finals().keySet().forEach(k -> {
            if (truths.stream().noneMatch(t -> t.spans(k))) {
                throw new IllegalStateException("a final aggregate for a window no batch sent: " + k);
            }
        });
    }

    private ChildJvm startBroker(String name) throws Exception {
        progress("starting " + name + ": java -jar paypulse.jar broker (own JVM)");
        int port = PortProbe.freePort("127.0.0.1");
        ChildJvm b = ChildJvm.start(name, List.of(), List.of("-jar", jar.toString(), "broker", "--data-dir",
                root.resolve(name).toString(), "--broker-port", Integer.toString(port)), root.resolve(name + ".log"),
                childEnv);
        String bootstrap = b.awaitLine(BROKER_READY, Duration.ofSeconds(90));
        progress("   " + name + " ready on " + bootstrap);
        return b;
    }

    private String bootstrap(ChildJvm broker) throws Exception {
        return broker.awaitLine(BROKER_READY, Duration.ofSeconds(1));
    }

    /** An admin client, after creating the pipeline's topics with 3 partitions (the users' topic). */
    private Admin admin(ChildJvm broker) throws Exception {
        Admin admin = Admin.create(ClusterClients.base(bootstrap(broker), Map.of(), "bench-users-shape-admin"));
        TopicSetup.ensure(admin, Topics.partitionsByTopic(PARTITIONS), (short) 1, Duration.ofSeconds(60));
        return admin;
    }

    /** {@code java [USERS_SHAPE_PROCESS_OPTS] -jar paypulse.jar process --bootstrap B --data-dir D [extra]}. */
    private ChildJvm startProcess(String name, String bootstrap, Path dataDir, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString(), "process", "--bootstrap", bootstrap,
                "--data-dir", dataDir.toString()));
        args.addAll(extra);
        return ChildJvm.start(name, processOpts, args, root.resolve(name + ".log"), childEnv);
    }

    private static void awaitStableGroup(Admin admin, ChildJvm process, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                        .get(30, TimeUnit.SECONDS).get(group);
                if (d.groupState() == GroupState.STABLE && !d.members().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                // not created yet: the processor has not joined
            }
            Thread.sleep(100); // polling the group's state
        }
        throw new IllegalStateException("the processor's group " + group + " did not become stable within 120 s");
    }

    /** Moves every partition's log start to its end, so a new application id starts there. */
    private static void truncate(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                .forEach(d -> d.partitions().forEach(p ->
                        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
    }

    static void progress(String line) {
        PipelineBench.progress(line);
    }

    /** Set but empty skips the latency part (documented); unset means the default rates. */
    private static String latencyRates() {
        String v = System.getenv("USERS_SHAPE_LATENCY_RATES");
        return v == null ? "10000,100000" : v.trim();
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static long longEnv(String name, long def) {
        return Long.parseLong(env(name, Long.toString(def)).replace("_", ""));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("users-shape bench: could not delete " + root + ": " + e);
        }
    }
}

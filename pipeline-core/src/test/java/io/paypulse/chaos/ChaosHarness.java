package io.paypulse.chaos;

import io.paypulse.broker.PortProbe;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.generate.Generator;
import io.paypulse.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Chaos for the pipeline's CLI processes ({@code paypulse broker}, {@code process}, {@code generate},
 * each its own JVM): under a steady generator, each cycle injects one fault in turn (SIGKILL of the
 * processor, SIGTERM of the processor, SIGKILL of the broker, poison records), restarts what died
 * and waits for the processor's group to commit beyond where it was. At the end it stops the
 * generator, waits for the outputs to settle and checks them exactly against a recount of the raw
 * topic (every generator record carries its sequence number): lost and duplicated events in the
 * enriched CSV, in the aggregate CSV, and poison records in the DLQ.
 *
 * <p>Each cycle also watches the group's committed offsets on the raw topic across the fault: an
 * offset lower after the restart than before it is "committed offsets lost" (issue 10 §2: a past run
 * re-read raw partitions from offset 0).
 *
 * <p>Run: {@code make chaos CYCLES=20} (script {@code pipeline-core/chaos/chaos.sh}); a short form
 * runs in {@code make test} as {@code ChaosIT}.
 */
public final class ChaosHarness {

    /** What a cycle does, in turn. */
    enum Fault {
        KILL_PROCESSOR("kill -9 processor"),
        TERM_PROCESSOR("SIGTERM processor"),
        KILL_BROKER("kill -9 broker"),
        POISON("poison records");

        final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    /**
     * @param launcher the command that runs {@code io.paypulse.cli.Main} (java, options, class path, main class)
     * @param poison   whether poison cycles inject records (kinds that go to the DLQ today)
     */
    public record Options(int cycles, double rate, boolean poison, Path workDir, List<String> launcher,
            Duration settleTimeout) {
    }

    /** One cycle's row of the table. */
    public record Cycle(int number, String fault, long committedBefore, long committedAfter, double secondsToProgress,
            int partitionsBehind) {
    }

    /** The outcome: the table and the exact check. */
    public record Result(List<Cycle> cycles, long generated, long rawDuplicates, long poisonSent, long dlq,
            long csvRows, long csvDistinct, long aggregated, List<String> resetLines) {

        public long lost() {
            return Math.max(0, generated - csvDistinct);
        }

        public long duplicated() {
            return csvRows - csvDistinct;
        }

        public boolean committedOffsetsLost() {
            return cycles.stream().anyMatch(c -> c.partitionsBehind() > 0);
        }

        public boolean stalled() {
            return cycles.stream().anyMatch(c -> Double.isNaN(c.secondsToProgress()));
        }

        public boolean exact() {
            return !stalled() && lost() == 0 && duplicated() == 0 && rawDuplicates == 0 && aggregated == generated
                    && dlq >= poisonSent && !committedOffsetsLost();
        }

        public void print(PrintStream out) {
            out.println();
            out.printf("%-5s %-20s %14s %14s %10s %16s%n", "cycle", "fault", "committed@fault", "committed@next",
                    "progress", "partitions-back");
            for (Cycle c : cycles) {
                out.printf("%-5d %-20s %14d %14d %9.1fs %16d%n", c.number(), c.fault(), c.committedBefore(),
                        c.committedAfter(), c.secondsToProgress(), c.partitionsBehind());
            }
            out.printf("generated %d (raw duplicates %d), poison %d -> DLQ %d%n", generated, rawDuplicates, poisonSent, dlq);
            out.printf("enriched CSV rows %d, distinct %d: lost %d, duplicated %d; aggregate CSV events %d%n",
                    csvRows, csvDistinct, lost(), duplicated(), aggregated);
            out.printf("committed offsets lost: %s%s%n", committedOffsetsLost() ? "YES" : "no",
                    resetLines.isEmpty() ? "" : "; offset resets logged: " + resetLines);
            out.println(exact() ? "EXACT" : "NOT EXACT");
        }
    }

    private static final String GROUP = "paypulse-processor";
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(180);
    /** A cycle without progress for this long is reported as stalled ("NaN s") and the run goes on. */
    private static final Duration STALL_REPORT = Duration.ofSeconds(180);

    private final Options o;
    private final int port;
    private final String bootstrap;
    private final Map<String, Process> running = new HashMap<>();
    private int starts;
    private long poisonSent;

    private ChaosHarness(Options o) {
        this.o = o;
        this.port = PortProbe.freePort("localhost");
        this.bootstrap = "localhost:" + port;
    }

    public static Result run(Options o) throws Exception {
        ChaosHarness h = new ChaosHarness(o);
        try {
            return h.go();
        } finally {
            h.stopAll();
        }
    }

    private Result go() throws Exception {
        Files.createDirectories(o.workDir());
        startBroker();
        startProcessor();
        start("generator", "generate", "--bootstrap", bootstrap, "--rate", Double.toString(o.rate()), "--seed", "11");
        awaitCommittedAbove(0);
        List<Cycle> cycles = new ArrayList<>();
        Fault[] faults = Fault.values();
        for (int i = 1; i <= o.cycles(); i++) {
            Fault f = faults[(i - 1) % faults.length];
            if (f == Fault.POISON && !o.poison()) {
                f = Fault.KILL_PROCESSOR;
            }
            cycles.add(cycle(i, f));
            System.out.println("chaos: " + cycles.get(cycles.size() - 1));
        }
        stop("generator", false);
        return check(cycles);
    }

    private Cycle cycle(int n, Fault f) throws Exception {
        // Dwell: let the pipeline make some progress before the next fault.
        long at = committedSum();
        awaitCommittedAbove(at + (long) Math.max(1, o.rate() * 2));
        Map<TopicPartition, Long> before = committed();
        long sumBefore = sum(before);
        long restarted = System.nanoTime();
        switch (f) {
            case KILL_PROCESSOR -> {
                stop("processor", true);
                // Its last commit may land between our look and the kill: progress is beyond that.
                sumBefore = Math.max(sumBefore, committedSum());
                restarted = System.nanoTime();
                startProcessor();
            }
            case TERM_PROCESSOR -> {
                stop("processor", false);
                // A clean stop commits what it processed last: progress is beyond that.
                sumBefore = Math.max(sumBefore, committedSum());
                restarted = System.nanoTime();
                startProcessor();
            }
            case KILL_BROKER -> {
                stop("broker", true);
                restarted = System.nanoTime();
                startBroker();
            }
            case POISON -> sendPoison();
        }
        long target = sumBefore;
        boolean progressed = awaitQuietly(() -> committedSum() > target, STALL_REPORT);
        double seconds = progressed ? (System.nanoTime() - restarted) / 1e9 : Double.NaN;
        if (!progressed) {
            System.out.println("chaos: cycle " + n + " (" + f.label + "): no commit beyond " + target + " in "
                    + STALL_REPORT.toSeconds() + " s; going on (logs in " + o.workDir() + ")");
        }
        Map<TopicPartition, Long> after = committed();
        int behind = 0;
        for (var e : before.entrySet()) {
            if (after.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                behind++;
                System.out.println("chaos: committed offset of " + e.getKey() + " went back from " + e.getValue()
                        + " to " + after.get(e.getKey()));
            }
        }
        return new Cycle(n, f.label, sumBefore, sum(after), seconds, behind);
    }

    private Result check(List<Cycle> cycles) throws Exception {
        // Raw recount: the generator's records carry their sequence number; others are poison.
        Set<Long> seqs = new HashSet<>();
        long[] counts = new long[2];
        readAll(Topics.RAW, r -> {
            var h = r.headers().lastHeader(Generator.SEQUENCE_HEADER);
            if (h == null) {
                return;
            }
            counts[0]++;
            if (!seqs.add(Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII)))) {
                counts[1]++;
            }
        });
        long generated = seqs.size();
        Path output = o.workDir().resolve("processor").resolve("output");
        long deadline = System.nanoTime() + o.settleTimeout().toNanos();
        Csv csv = Csv.read(output);
        while (System.nanoTime() < deadline && !(csv.distinct() >= generated && csv.aggregated() >= generated)) {
            TimeUnit.MILLISECONDS.sleep(500); // polling files another process writes
            csv = Csv.read(output);
        }
        long[] dlq = new long[1];
        readAll(Topics.DLQ, r -> dlq[0]++);
        return new Result(cycles, generated, counts[1], poisonSent, dlq[0], csv.rows(), csv.distinct(), csv.aggregated(),
                resetLines());
    }

    /** Lines in the processors' logs that say a consumer position was reset. */
    private List<String> resetLines() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(o.workDir())) {
            for (Path p : logs.filter(f -> f.getFileName().toString().startsWith("processor-")).toList()) {
                for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                    String l = line.toLowerCase();
                    if (l.contains("resetting offset") || l.contains("offsetoutofrange")
                            || l.contains("no committed offset") || l.contains("out of range")) {
                        found.add(p.getFileName() + ": " + line);
                    }
                }
            }
        }
        return found;
    }

    /** Enriched rows (and distinct order ids) and aggregate event counts, from the CSV files. */
    private record Csv(long rows, long distinct, long aggregated) {
        static Csv read(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return new Csv(0, 0, 0);
            }
            long rows = 0;
            long aggregated = 0;
            Set<String> orders = new HashSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".csv")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                        String[] c = line.split(",", -1);
                        if (name.startsWith("enriched_data_") && c.length > 4) {
                            rows++;
                            orders.add(c[4]);
                        } else if (name.startsWith("aggregated_data_") && c.length > 4) {
                            aggregated += Long.parseLong(c[4]);
                        }
                    }
                }
            }
            return new Csv(rows, orders.size(), aggregated);
        }
    }

    private void sendPoison() {
        Map<String, Object> p = ClusterClients.base(bootstrap, Map.of(), "chaos-poison");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Kinds the processor dead-letters today (not the pre-1970 timestamp or megabyte values that
        // another change addresses): not JSON, JSON of the wrong shape, an unknown message.
        List<String> values = List.of("not json at all", "{\"level\":\"INFO\"}", "[1,2,3]",
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\",\"message\":\"hello\"}",
                "{\"timestamp\":\"yesterday\",\"level\":\"INFO\",\"message\":\"Payment successful\"}");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(Topics.RAW, ("poison-" + poisonSent).getBytes(StandardCharsets.UTF_8),
                        v.getBytes(StandardCharsets.UTF_8)));
                poisonSent++;
            }
            producer.flush();
        }
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> p = ClusterClients.base(bootstrap, Map.of(), "chaos-recount");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 120 s");
                }
                c.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "chaos-offsets"))) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> raw = new HashMap<>();
            m.forEach((tp, om) -> {
                if (tp.topic().equals(Topics.RAW) && om != null) {
                    raw.put(tp, om.offset());
                }
            });
            return raw;
        }
    }

    private long committedSum() {
        try {
            return sum(committed());
        } catch (Exception e) {
            return -1; // cluster not answering (yet)
        }
    }

    private static long sum(Map<TopicPartition, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private void awaitCommittedAbove(long value) throws InterruptedException {
        await("the processor's group commits beyond " + value, () -> committedSum() > value, PROGRESS_TIMEOUT);
    }

    private static boolean awaitQuietly(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling another process's progress
        }
        return true;
    }

    private void await(String what, BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chaos: timed out waiting until " + what + "; logs in " + o.workDir());
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling another process's progress
        }
    }

    private void startBroker() throws Exception {
        start("broker", "broker", "--data-dir", o.workDir().resolve("broker").toString(), "--broker-port",
                Integer.toString(port));
        await("the broker answers", () -> {
            try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "chaos-probe"))) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(90));
    }

    private void startProcessor() throws IOException {
        start("processor", "process", "--bootstrap", bootstrap, "--data-dir", o.workDir().resolve("processor").toString());
    }

    private void start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(o.launcher());
        cmd.addAll(List.of(args));
        File log = o.workDir().resolve(name + "-" + (++starts) + ".log").toFile();
        running.put(name, new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start());
    }

    private void stop(String name, boolean kill) throws InterruptedException {
        Process p = running.remove(name);
        if (p == null) {
            return;
        }
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void stopAll() throws InterruptedException {
        for (String name : List.of("generator", "processor", "broker")) {
            stop(name, false);
        }
    }

    /** {@code ChaosHarness CYCLES RATE POISON(true|false) WORKDIR CLASSPATH}: prints the table, exits 1 unless exact. */
    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Options o = new Options(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Boolean.parseBoolean(args[2]),
                Path.of(args[3]), List.of(java, "-Xmx384m", "-cp", args[4], "io.paypulse.cli.Main"),
                Duration.ofSeconds(240));
        Result r = run(o);
        r.print(System.out);
        System.exit(r.exact() ? 0 : 1);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.paypulse.broker.PortProbe;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.event.serde.Json;
import io.paypulse.event.WindowAggregate;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.Schemas;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The CSV sinks against a real broker: transactional input (aborted rows must never appear), a restart
 * over crash debris, a real kill -9 of a sink process in the middle of a stream, and the upgrade of a
 * parsed sink that read {@code payment-parsed} before. The parsed sink reads raw values (plain JSON and the
 * Schema Registry wire format, good and bad mixed) as the processor does: only the good ones become rows.
 */
class CsvSinkIT {

    private static final Instant BASE = Instant.parse("2024-05-01T09:40:00Z");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ParsedFormat FORMAT = new ParsedFormat(RawEventReader.local());
    /** Raw values the processor rejects: not JSON, schema-invalid, level vs outcome, a schema id no registry knows. */
    private static final List<byte[]> BAD = List.of(
            "{not json".getBytes(StandardCharsets.UTF_8),
            "{\"timestamp\": \"2024-05-01T09:40:00Z\", \"level\": \"WARN\", \"message\": \"x\"}".getBytes(StandardCharsets.UTF_8),
            rawValue(new ParsedEvent(BASE, Level.INFO, PaymentType.PAYMENT, true, "order_0000000000aa", 100, "user_000001",
                    "198.51.0.1", null, "Card declined", null)),
            WireFormat.frame(4242, rawValue(event(1, 1))));

    @TempDir
    Path dir;

    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();
    private final int schemaId = new SchemaRegistryClient(registry.url()).register(Schemas.RAW_SUBJECT, Schemas.RAW.text());

    @TempDir
    Path scratch;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final String bootstrap = SharedBroker.bootstrapServers();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        registry.close();
    }

    @Test
    void writesCommittedRowsExactlyOnceAcrossARestartOverCrashDebris() throws Exception {
        String topic = unique("raw");
        SharedBroker.createTopics(Map.of(topic, 3));
        Producer<String, byte[]> producer = producer();
        send(producer, topic, range(0, 60), true, 97);
        send(producer, topic, range(60, 80), false, 97);
        producer.beginTransaction(); // values the processor rejects, and a tombstone, committed: no rows, counted
        for (byte[] bad : BAD) {
            producer.send(new ProducerRecord<>(topic, "bad", bad));
        }
        producer.send(new ProducerRecord<>(topic, "gone", null));
        producer.commitTransaction();
        send(producer, topic, range(80, 140), true, 97);

        CsvSink sink = track(CsvSink.parsed(props(), dir, topic, reader()));
        sink.start();
        await().atMost(WAIT).until(() -> sink.caughtUp() || sink.failure().isPresent());
        assertThat(sink.failure()).isEmpty();
        assertThat(sink.rowsWritten()).isEqualTo(120);
        long mixedIn = concat(range(0, 60), range(80, 140)).stream().filter(i -> i % 50 == 0).count(); // see send
        assertThat(sink.recordsRejected()).isEqualTo(BAD.size() + 1 + mixedIn);
        assertThat(sink.recordsSkipped()).isZero();
        assertExactlyOnce(concat(range(0, 60), range(80, 140)), 97);
        sink.close();
        sink.close(); // idempotent

        // Debris of a crash after the checkpoint: a duplicate row and a torn row, a file created later.
        Path someFile = csvFiles().get(0);
        String firstDataRow = Files.readAllLines(someFile).get(1);
        Files.writeString(someFile, firstDataRow + "\r\n" + "2024-05-01T10:00:00Z,INFO,Payment,fa",
                StandardOpenOption.APPEND);
        Path stale = dir.resolve("enriched_data_2099-01-01_00.csv");
        Files.writeString(stale, String.join(",", FORMAT.header()) + "\r\n" + firstDataRow + "\r\n");
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a sink file");

        CsvSink again = track(CsvSink.parsed(props(), dir, topic, reader()));
        again.start();
        assertThat(again.awaitCaughtUp(WAIT)).isTrue();
        send(producer, topic, range(140, 200), true, 97);
        send(producer, topic, range(200, 220), false, 97);
        assertThat(again.awaitCaughtUp(WAIT)).isTrue();
        assertThat(again.rowsWritten()).isEqualTo(60);
        assertThat(stale).doesNotExist();
        assertThat(notes).hasContent("not a sink file");
        assertExactlyOnce(concat(range(0, 60), range(80, 140), range(140, 200)), 97);
    }

    @Test
    void nothingIsLostOrDuplicatedWhenTheSinkProcessIsKilledMidStream() throws Exception {
        String topic = unique("raw-kill");
        SharedBroker.createTopics(Map.of(topic, 3));
        Set<Integer> committed = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Producer<String, byte[]> p = producer()) {
                for (int batch = 0; !stop.get(); batch++) {
                    boolean commit = batch % 4 != 3;
                    List<Integer> ids = range(batch * 200, batch * 200 + 200);
                    send(p, topic, ids, commit, 1); // with bad values among the good ones
                    if (commit) {
                        committed.addAll(ids);
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "it-producer");
        writer.start();

        await().atMost(WAIT).until(() -> committed.size() >= 10_000); // a backlog: the sink will be busy catching up
        Process child = startChild(topic);
        toClose.add(child::destroyForcibly);
        CheckpointStore store = new CheckpointStore(dir, "parsed");
        // kill it after a checkpoint with rows, while its files hold rows that no checkpoint covers yet
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!child.isAlive()) {
                throw new AssertionError("sink process died:\n" + Files.readString(scratch.resolve("child.log")));
            }
            var cp = store.load();
            return cp.isPresent() && !cp.get().files().isEmpty() && bytesBeyond(cp.get()) > 0;
        });
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Checkpoint atKill = store.load().orElseThrow();
        System.out.println("kill -9 left " + bytesBeyond(atKill) + " bytes not covered by the checkpoint; checkpoint offsets "
                + atKill.offsets());

        Thread.sleep(500);
        stop.set(true);
        writer.join(60_000);
        assertThat(writer.isAlive()).isFalse();

        CsvSink sink = track(CsvSink.parsed(props(), dir, topic, reader()));
        sink.start();
        assertThat(sink.awaitCaughtUp(WAIT)).isTrue();
        assertThat(sink.recordsSkipped()).isZero();
        List<Integer> expected = new ArrayList<>(committed);
        assertThat(expected).hasSizeGreaterThan(10_000);
        assertExactlyOnce(expected, 1);
    }

    @Test
    void anOutputDirOfTheParsedTopicEraIsSetAsideAndRebuiltFromTheRawTopic() throws Exception {
        // What a sink before issue 11 left: a checkpoint for payment-parsed, its files, and a torn tail.
        String oldFile = "enriched_data_2024-05-01_09.csv";
        String oldRows = String.join(",", FORMAT.header()) + "\r\n" + CsvCells.line(FORMAT.cells(event(3, 97)));
        Files.writeString(dir.resolve(oldFile), oldRows + "2024-05-01T09:41:00Z,INFO,Pay");
        new CheckpointStore(dir, "parsed").save(Checkpoint.of("parsed", Topics.PARSED, Map.of(0, 1234L, 1, 99L),
                Map.of(oldFile, (long) oldRows.getBytes(StandardCharsets.UTF_8).length)));
        String topic = unique("raw-upgrade");
        SharedBroker.createTopics(Map.of(topic, 3));
        send(producer(), topic, range(0, 90), true, 97);

        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SinkLoop.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            CsvSink sink = track(CsvSink.parsed(props(), dir, topic, reader()));
            sink.start(); // before issue 11 a checkpoint of another topic made this fail
            assertThat(sink.awaitCaughtUp(WAIT)).isTrue();
        } finally {
            logger.detachAppender(log);
        }

        assertExactlyOnce(range(0, 90), 97);
        assertThat(new CheckpointStore(dir, "parsed").load().orElseThrow().topic()).isEqualTo(topic);
        List<Path> aside;
        try (Stream<Path> s = Files.list(dir)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("replaced-parsed-")).collect(Collectors.toList());
        }
        assertThat(aside).hasSize(1);
        assertThat(aside.get(0).resolve(oldFile)).as("the old file, as it was").hasContent(oldRows + "2024-05-01T09:41:00Z,INFO,Pay");
        assertThat(aside.get(0).resolve(".paypulse-sink-parsed.checkpoint")).as("with the checkpoint that tells its durable bytes")
                .content().contains(Topics.PARSED);
        List<String> info = log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO
                && e.getFormattedMessage().contains("now reads topic")).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(info).hasSize(1);
        assertThat(info.get(0)).contains(topic, Topics.PARSED, "rebuilding", "1 earlier file(s)", aside.get(0).toString());
        assertThat(log.list).noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void aSchemaRegistryThatDoesNotAnswerCostsNoRow() throws Exception {
        String topic = unique("raw-registry");
        SharedBroker.createTopics(Map.of(topic, 1));
        send(producer(), topic, range(0, 70), true, 97); // wire-format values among them
        int port = PortProbe.freePort("127.0.0.1");
        RawEventReader reader = RawEventReader.withRegistry(
                new SchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofMillis(300)), Duration.ofMillis(500));
        CsvSink sink = track(CsvSink.parsed(props(), dir, topic, reader));
        sink.start();
        await().atMost(WAIT).until(() -> sink.stall().isPresent() || sink.failure().isPresent());
        assertThat(sink.failure()).isEmpty();
        assertThat(sink.stall().orElseThrow().sentence()).contains("the Schema Registry did not answer");
        assertThat(sink.rowsWritten()).isZero();

        // The registry comes (back) at that address: the sink resumes by itself, without a gap or a repeat.
        HttpServer up = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        HttpClient http = HttpClient.newHttpClient();
        up.createContext("/", exchange -> {
            try {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(registry.url()
                        + exchange.getRequestURI())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                exchange.close();
            }
        });
        up.start();
        toClose.add(() -> up.stop(0));
        assertThat(sink.awaitCaughtUp(WAIT)).isTrue();
        assertThat(sink.stall()).isEmpty();
        assertThat(sink.recordsSkipped()).isZero();
        assertExactlyOnce(range(0, 70), 97);
        assertThat(sink.recordsRejected()).isEqualTo(2); // the bad values after 0 and 50, see send
    }

    @Test
    void aggregateCsvHasFinalWindowsOnlyAndAlertCsvLogsEveryUpdate() throws Exception {
        String aggTopic = unique("agg");
        String alertTopic = unique("alerts");
        SharedBroker.createTopics(Map.of(aggTopic, 1, alertTopic, 1));
        Instant w1 = Instant.parse("2024-05-01T23:59:00Z");
        Instant w2 = Instant.parse("2024-05-02T00:00:00Z");
        WindowAggregate live = new WindowAggregate(w1, w1.plusSeconds(60), PaymentType.PAYMENT, false, 5, 50_000, false);
        WindowAggregate final1 = new WindowAggregate(w1, w1.plusSeconds(60), PaymentType.PAYMENT, false, 9, 90_000, true);
        WindowAggregate final2 = new WindowAggregate(w1, w1.plusSeconds(60), PaymentType.REFUND, true, 1, 1_234, true);
        WindowAggregate final3 = new WindowAggregate(w2, w2.plusSeconds(60), PaymentType.PAYMENT, true, 11, 22_000, true);
        WindowAggregate abortedFinal = new WindowAggregate(w2, w2.plusSeconds(60), PaymentType.REFUND, false, 2, 2_000, true);
        String id = Alert.idOf("failed-payments", "Payment/failed", w1);
        Alert firing = new Alert(id, "failed-payments", Severity.WARNING, "Payment/failed", w1, w1.plusSeconds(60), 10, 10,
                "10 failed payments in a minute", AlertState.FIRING, 1, w1.plusSeconds(60), w1.plusSeconds(60));
        Alert again = new Alert(id, "failed-payments", Severity.CRITICAL, "Payment/failed", w1, w2.plusSeconds(60), 25, 10,
                "=25 failed, still firing", AlertState.FIRING, 2, w1.plusSeconds(60), w2.plusSeconds(60));

        Producer<String, byte[]> producer = producer();
        producer.beginTransaction();
        for (WindowAggregate a : List.of(live, final1, final2, final3)) {
            producer.send(new ProducerRecord<>(aggTopic, a.group().key(), Topics.AGGREGATE_VALUE.serializer().serialize(aggTopic, a)));
        }
        for (Alert a : List.of(firing, again)) {
            producer.send(new ProducerRecord<>(alertTopic, a.id(), Topics.ALERT_VALUE.serializer().serialize(alertTopic, a)));
        }
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(aggTopic, "x", Topics.AGGREGATE_VALUE.serializer().serialize(aggTopic, abortedFinal)));
        producer.flush();
        producer.abortTransaction();

        CsvSink aggregates = track(CsvSink.aggregates(props(), dir, aggTopic));
        CsvSink alerts = track(CsvSink.alerts(props(), dir, alertTopic));
        aggregates.start();
        alerts.start();
        assertThat(aggregates.awaitCaughtUp(WAIT)).isTrue();
        assertThat(alerts.awaitCaughtUp(WAIT)).isTrue();

        AggregateFormat af = new AggregateFormat();
        assertThat(StrictCsv.read(dir.resolve("aggregated_data_2024-05-01.csv")))
                .containsExactly(af.header(), af.cells(final1), af.cells(final2));
        assertThat(StrictCsv.read(dir.resolve("aggregated_data_2024-05-02.csv")))
                .containsExactly(af.header(), af.cells(final3));
        AlertFormat lf = new AlertFormat();
        assertThat(StrictCsv.read(dir.resolve("alerts_2024-05-02.csv")))
                .containsExactly(lf.header(), lf.cells(firing), lf.cells(again));
        assertThat(StrictCsv.read(dir.resolve("alerts_2024-05-02.csv")).get(2).get(8)).isEqualTo("'=25 failed, still firing");
        assertThat(aggregates.rowsWritten()).isEqualTo(3);
        assertThat(alerts.rowsWritten()).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------

    static ParsedEvent event(int i, long secondsApart) {
        Instant t = BASE.plusSeconds(i * secondsApart).plusMillis(i % 1000);
        String order = String.format("order_%012x", i);
        String user = String.format("user_%06d", i % 10_000 + 1);
        String ip = "198.51." + (i % 256) + "." + (i * 7 % 256);
        long cents = 1_000 + (i * 7_919L) % 99_000;
        switch (i % 5) {
            case 0:
            case 1:
                return new ParsedEvent(t, Level.INFO, PaymentType.PAYMENT, false, order, cents, user, ip,
                        String.format("pay_%016x", i), null, null);
            case 2:
                return new ParsedEvent(t, Level.INFO, PaymentType.REFUND, false, order, cents, user, ip, null, null,
                        String.format("ref_%016x", i));
            case 3:
                String reason = i % 2 == 0 ? "Card declined" : "=HYPERLINK(\"http://x\"), or \"worse\"\r\nnext line";
                return new ParsedEvent(t, Level.ERROR, PaymentType.PAYMENT, true, order, cents, user, ip, null, reason, null);
            default:
                return new ParsedEvent(t, Level.ERROR, PaymentType.REFUND, true, order, cents, user, ip, null,
                        "Transaction blocked by bank", null);
        }
    }

    /**
     * The events as raw log lines in a transaction: every 7th in the Schema Registry wire format, and after
     * every 50th one of the {@link #BAD} values (which must never become a row).
     */
    private void send(Producer<String, byte[]> p, String topic, List<Integer> ids, boolean commit, long secondsApart) {
        send(p, topic, ids, commit, secondsApart, schemaId);
    }

    /** The events as plain JSON log lines in a transaction. */
    static void sendPlain(Producer<String, byte[]> p, String topic, List<Integer> ids, boolean commit, long secondsApart) {
        send(p, topic, ids, commit, secondsApart, -1);
    }

    /** @param schemaId for the wire-format values and the bad ones among them; -1: plain JSON and no bad values */
    private static void send(Producer<String, byte[]> p, String topic, List<Integer> ids, boolean commit, long secondsApart,
                             int schemaId) {
        p.beginTransaction();
        for (int i : ids) {
            ParsedEvent e = event(i, secondsApart);
            byte[] value = rawValue(e);
            boolean mixed = schemaId >= 0;
            p.send(new ProducerRecord<>(topic, e.userId(), mixed && i % 7 == 0 ? WireFormat.frame(schemaId, value) : value));
            if (mixed && i % 50 == 0) {
                p.send(new ProducerRecord<>(topic, e.userId(), BAD.get(i / 50 % BAD.size())));
            }
        }
        if (commit) {
            p.commitTransaction();
        } else {
            p.flush(); // the aborted records reach the log, so read_committed has something to filter
            p.abortTransaction();
        }
    }

    /** The log line the original project writes for {@code e}: the parser must give {@code e} back. */
    static byte[] rawValue(ParsedEvent e) {
        boolean payment = e.type() == PaymentType.PAYMENT;
        String message = new PaymentMessage(e.type(), e.failed(), e.orderId(), e.amountCents(), e.userId(),
                payment ? e.paymentId() : e.refundId(), e.failReason(), e.ipAddress()).render();
        Map<String, String> line = new LinkedHashMap<>();
        line.put("timestamp", e.eventTime().toString());
        line.put("level", e.level().name());
        line.put("message", message);
        try {
            return Json.MAPPER.writeValueAsBytes(line);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private RawEventReader reader() {
        return RawEventReader.withRegistry(new SchemaRegistryClient(registry.url()), Duration.ofSeconds(2));
    }

    /** Every expected event has exactly its row, once, in the file of its hour; nothing else; nothing torn. */
    private void assertExactlyOnce(List<Integer> expectedIds, long secondsApart) throws IOException {
        Map<String, List<String>> expected = new HashMap<>();
        for (int i : expectedIds) {
            ParsedEvent e = event(i, secondsApart);
            expected.put(e.orderId(), FORMAT.cells(e));
        }
        Map<String, Integer> seen = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Path file : csvFiles()) {
            List<List<String>> rows = StrictCsv.read(file); // fails on a torn or malformed line
            assertThat(rows.get(0)).as("header of %s", file).isEqualTo(FORMAT.header());
            for (List<String> row : rows.subList(1, rows.size())) {
                String order = row.get(4);
                seen.merge(order, 1, Integer::sum);
                List<String> want = expected.get(order);
                if (want == null) {
                    unexpected.add(order);
                    continue;
                }
                assertThat(row).as("row of %s", order).isEqualTo(want);
                assertThat(file.getFileName().toString()).isEqualTo(FileNames.hourly("enriched_data_",
                        Instant.parse(row.get(0)), "t"));
            }
        }
        assertThat(unexpected).as("rows that must not exist (aborted or never produced)").isEmpty();
        assertThat(seen.entrySet().stream().filter(e -> e.getValue() != 1).collect(Collectors.toList()))
                .as("rows written more than once").isEmpty();
        assertThat(seen.keySet()).as("rows written").containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /** Bytes in this sink's files beyond what the checkpoint covers (files it does not list count whole). */
    private long bytesBeyond(Checkpoint cp) throws IOException {
        long beyond = 0;
        for (Path f : csvFiles()) {
            beyond += Files.size(f) - cp.files().getOrDefault(f.getFileName().toString(), 0L);
        }
        return beyond;
    }

    private List<Path> csvFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> FORMAT.fileNames().matcher(p.getFileName().toString()).matches()).sorted()
                    .collect(Collectors.toList());
        }
    }

    private Process startChild(String topic) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SinkChildProcess.class.getName());
        cmd.add(bootstrap);
        cmd.add(topic);
        cmd.add(dir.toString());
        cmd.add(registry.url());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(scratch.resolve("child.log").toFile()).start();
    }

    private Producer<String, byte[]> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "csv-sink-it-" + UUID.randomUUID());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        synchronized (toClose) {
            toClose.add(producer);
        }
        return producer;
    }

    private Map<String, Object> props() {
        return Map.of("bootstrap.servers", bootstrap);
    }

    private CsvSink track(CsvSink sink) {
        toClose.add(sink);
        return sink;
    }

    private static String unique(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... parts) {
        return Stream.of(parts).flatMap(List::stream).collect(Collectors.toList());
    }
}

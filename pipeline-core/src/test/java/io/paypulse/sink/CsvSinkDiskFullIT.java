package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paypulse.event.ParsedEvent;
import io.paypulse.schema.RawEventReader;
import io.paypulse.testing.SharedBroker;
import io.paypulse.testing.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parsed-events sink on a real, full file system (a 1 MiB tmpfs, so this needs root as on CI): it stalls
 * with whole rows only and says so, resumes by itself once space is freed, and the files then hold every
 * committed record exactly once.
 */
class CsvSinkDiskFullIT {

    private static final ParsedFormat FORMAT = new ParsedFormat(RawEventReader.local());
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** All rows in one hourly file, so the full disk tears a row of a file that already holds rows. */
    private static final long SAME_HOUR = 0;

    @TempDir
    Path scratch;

    private SmallDisk disk;
    private CsvSink sink;
    private Producer<String, byte[]> producer;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        assumeTrue(SmallDisk.available(scratch), "mounting a tmpfs needs root (CI runs as root)");
        disk = SmallDisk.mount(scratch.resolve("disk"), 1024);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void stallsWithWholeRowsWhileTheDiskIsFullAndResumesExactlyOnceWhenSpaceIsFreed() throws Exception {
        String topic = "it-parsed-full-" + UUID.randomUUID().toString().substring(0, 8);
        SharedBroker.createTopics(Map.of(topic, 3));
        producer = producer();
        Path out = disk.path().resolve("output");
        CsvSinkIT.sendPlain(producer, topic, range(0, 1_000), true, SAME_HOUR);

        sink = CsvSink.parsed(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()), out, topic);
        sink.start();
        assertThat(sink.awaitCaughtUp(WAIT)).isTrue();
        assertThat(sink.rowsWritten()).isEqualTo(1_000);

        disk.fill();
        CsvSinkIT.sendPlain(producer, topic, range(1_000, 3_000), true, SAME_HOUR); // ~400 KB of rows, no room for them

        await("the sink reports the full disk").atMost(WAIT).until(() -> sink.stall().isPresent());
        WriteStall stall = sink.stall().orElseThrow();
        assertThat(stall.diskFull()).isTrue();
        assertThat(stall.sentence()).isEqualTo("CSV sink 'parsed' cannot write to " + out
                + ": the disk is full (No space left on device). It keeps its place and resumes by itself once space is freed there.");
        // It keeps retrying (with a growing pause) but stays stalled, writes nothing and does not give up.
        await("the sink stays stalled while the disk is full").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sink.stall().isPresent() && sink.failure().isEmpty() && sink.rowsWritten() == 1_000);
        assertThat(sink.caughtUp()).isFalse();
        Map<String, Integer> whileFull = rows(out); // fails on a torn line
        assertThat(whileFull.values()).as("rows written twice while full").allMatch(n -> n == 1);
        assertThat(whileFull).containsKeys(orders(range(0, 1_000)).toArray(String[]::new));

        disk.free();
        assertThat(sink.awaitCaughtUp(WAIT)).as("resumed by itself after space was freed").isTrue();
        assertThat(sink.stall()).isEmpty();
        assertThat(sink.failure()).isEmpty();
        Map<String, Integer> done = rows(out);
        assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(orders(range(0, 3_000)));
        assertThat(done.values()).as("every row exactly once").allMatch(n -> n == 1);
        assertThat(sink.rowsWritten()).isEqualTo(3_000);

        // Private by default: user ids and IP addresses are in these rows.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
        for (Path f : csvFiles(out)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("%s", f).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(".paypulse-sink-parsed.checkpoint"))))
                .isEqualTo("rw-------");
    }

    @Test
    void startsOnAFullDiskWaitsForSpaceAndThenWritesEverything() throws Exception {
        String topic = "it-parsed-full-start-" + UUID.randomUUID().toString().substring(0, 8);
        SharedBroker.createTopics(Map.of(topic, 2));
        producer = producer();
        CsvSinkIT.sendPlain(producer, topic, range(0, 500), true, SAME_HOUR);
        Path out = disk.path().resolve("output");
        disk.fill();

        sink = CsvSink.parsed(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()), out, topic);
        sink.start(); // no exception: a full disk at start is waited out like a full disk later on
        await("the sink reports the full disk").atMost(WAIT).until(() -> sink.stall().isPresent());
        assertThat(sink.stall().orElseThrow().diskFull()).isTrue();

        disk.free();
        assertThat(sink.awaitCaughtUp(WAIT)).isTrue();
        assertThat(sink.stall()).isEmpty();
        Map<String, Integer> done = rows(out);
        assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(orders(range(0, 500)));
        assertThat(done.values()).allMatch(n -> n == 1);
    }

    /** Order id to how many rows hold it; every file must be whole strict CSV ending in CRLF. */
    private static Map<String, Integer> rows(Path out) throws IOException {
        Map<String, Integer> seen = new TreeMap<>();
        for (Path f : csvFiles(out)) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(text).as("%s ends with a whole row", f).endsWith("\r\n");
            List<List<String>> rows = StrictCsv.read(f);
            assertThat(rows.get(0)).isEqualTo(FORMAT.header());
            for (List<String> row : rows.subList(1, rows.size())) {
                seen.merge(row.get(4), 1, Integer::sum);
            }
        }
        return seen;
    }

    private static List<Path> csvFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> FORMAT.fileNames().matcher(p.getFileName().toString()).matches()).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<String> orders(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        for (int i : ids) {
            ParsedEvent e = CsvSinkIT.event(i, SAME_HOUR);
            out.add(e.orderId());
        }
        return out;
    }

    private static Producer<String, byte[]> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "csv-disk-full-it-" + UUID.randomUUID());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        return producer;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }
}

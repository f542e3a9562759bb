package io.paypulse.app.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import io.paypulse.sink.CsvSink;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History after an app restart equals the aggregate CSV: windows of the last three hours are written to
 * {@code payment-agg-1m} the way the processor does (live updates, then the final once, sometimes a stray
 * live update after it), the real aggregate sink writes its daily CSV, and a fresh feed + history backfill
 * (what a restarted app starts) must show, minute by minute and group by group, exactly the CSV's rows:
 * once from the CSVs and the topic, once from the topic alone (a remote cluster: no local CSVs).
 */
class HistoryRestartIT {

    private static final Clock CLOCK = Clock.systemUTC();
    /** Far enough back that nothing else in this JVM writes there: 3 h to 2 h ago (backfill) and 30–20 min ago (live feed). */
    private static final Instant OLD = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
    private static final Instant RECENT = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    private static final int OLD_MINUTES = 60;
    private static final int RECENT_MINUTES = 10;

    @TempDir
    static Path out;

    @BeforeAll
    static void writeAggregatesAndTheirCsv() throws Exception {
        SharedBroker.createTopics(Topics.partitionsByTopic(1));
        Random random = new Random(13);
        try (KafkaProducer<String, WindowAggregate> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), Topics.AGGREGATE_VALUE.serializer())) {
            for (Instant base : List.of(OLD, RECENT)) {
                int minutes = base == OLD ? OLD_MINUTES : RECENT_MINUTES;
                for (int m = 0; m < minutes; m++) {
                    Instant start = base.plus(Duration.ofMinutes(m));
                    for (Group g : Group.ALL) {
                        long count = 1 + random.nextInt(5000);
                        long cents = count * (1000 + random.nextInt(99_000));
                        send(p, agg(start, g, count / 3, cents / 3, false), 10);  // provisional
                        send(p, agg(start, g, count - 1, cents - 7, false), 40);
                        send(p, agg(start, g, count, cents, true), 59);           // final
                        if (m % 7 == 0) {
                            send(p, agg(start, g, count + 99, cents, false), 59); // a stray live update after it
                        }
                    }
                }
            }
            p.flush();
        }
        try (CsvSink sink = CsvSink.aggregates(Map.of("bootstrap.servers", SharedBroker.bootstrapServers()), out)) {
            sink.start();
            await("the sink wrote every final window").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions() // a row being written
                    .until(() -> csv().size() == (OLD_MINUTES + RECENT_MINUTES) * Group.ALL.size());
        }
    }

    private static WindowAggregate agg(Instant start, Group g, long count, long cents, boolean fin) {
        return new WindowAggregate(start, start.plusSeconds(60), g.type(), g.failed(), count, cents, fin);
    }

    private static void send(KafkaProducer<String, WindowAggregate> p, WindowAggregate a, int second) throws Exception {
        // The processor stamps a window's records inside the window.
        p.send(new ProducerRecord<>(Topics.AGGREGATES, null, a.start().plusSeconds(second).toEpochMilli(),
                a.start() + "|" + a.group().key(), a)).get(10, TimeUnit.SECONDS);
    }

    /** The CSV rows of this test's windows, parsed here (not with the code under test): "start|group" -> {count, cents}. */
    private static TreeMap<String, long[]> csv() throws IOException {
        TreeMap<String, long[]> rows = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("aggregated_data_\\d{4}-\\d{2}-\\d{2}\\.csv")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.isEmpty()) {
                    continue;
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split(",");
                    Instant start = Instant.parse(c[0]);
                    if (ours(start)) {
                        Group g = Group.of(PaymentType.fromLabel(c[2]), Boolean.parseBoolean(c[3]));
                        rows.put(start + "|" + g.index(), new long[] {Long.parseLong(c[4]), Money.parse(c[5])});
                    }
                }
            }
        }
        return rows;
    }

    private static boolean ours(Instant start) {
        return !start.isBefore(OLD) && start.isBefore(OLD.plus(Duration.ofMinutes(OLD_MINUTES)))
                || !start.isBefore(RECENT) && start.isBefore(RECENT.plus(Duration.ofMinutes(RECENT_MINUTES)));
    }

    /** This test's minutes of the history as the charts get it, in the CSV's shape. */
    private static TreeMap<String, long[]> shown(MinuteSeries h) {
        TreeMap<String, long[]> rows = new TreeMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (ours(h.start(i))) {
                for (Group g : Group.ALL) {
                    rows.put(h.start(i) + "|" + g.index(), new long[] {h.count(g.index(), i), -1});
                }
            }
        }
        return rows;
    }

    private void restartAndCompare(Path csvDir) throws Exception {
        TreeMap<String, long[]> expected = csv();
        assertThat(expected).hasSize((OLD_MINUTES + RECENT_MINUTES) * 4);
        LiveData data = new LiveData(CLOCK);
        Map<String, Object> props = Map.of("bootstrap.servers", SharedBroker.bootstrapServers());
        try (TopicFeed feed = new TopicFeed(props, data, CLOCK);
             HistoryLoader history = new HistoryLoader(props, csvDir, data, CLOCK)) {
            feed.start();
            history.start();
            assertThat(history.awaitDone(Duration.ofSeconds(60))).as("backfill done").isTrue();
            await("the restarted app shows exactly the CSV's windows").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        MinuteSeries h = data.snapshot().history();
                        TreeMap<String, long[]> counts = shown(h);
                        assertThat(counts.keySet()).containsExactlyElementsOf(expected.keySet());
                        expected.forEach((k, v) -> assertThat(counts.get(k)[0]).as("count of %s", k).isEqualTo(v[0]));
                    });
            MinuteSeries h = data.snapshot().history();
            for (int i = 0; i < h.size(); i++) {
                if (ours(h.start(i))) {
                    long cents = 0;
                    for (int g = 0; g < 4; g++) {
                        cents += expected.get(h.start(i) + "|" + g)[1];
                    }
                    assertThat(h.amountCents(i)).as("amount of %s", h.start(i)).isEqualTo(cents);
                    assertThat(h.complete(i)).as("final: %s", h.start(i)).isTrue();
                }
            }
            assertThat(data.snapshot().historyNote()).isNull();
        }
    }

    @Test
    void historyAfterARestartEqualsTheAggregateCsvFromTheFilesAndTheTopic() throws Exception {
        restartAndCompare(out);
    }

    @Test
    void historyAfterARestartEqualsTheAggregateCsvFromTheTopicAlone() throws Exception {
        restartAndCompare(null);
    }
}

package io.paypulse.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.sink.ParsedCsvOfTopic;
import io.paypulse.sink.ParsedRows;
import io.paypulse.testing.SharedBroker;
import io.paypulse.testing.RawEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventsQuery} on the shared embedded broker: a window and a filter return exactly the rows the
 * real parsed CSV sink writes for the same topic and filter, and exactly what a recount of what was sent
 * says; records the processor rejects are skipped and counted; records outside the window's time range
 * are not even read; a live tail sees what is sent after it started.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EventsQueryIT {

    private static final int EVENTS = 600; // one per second over 10 minutes
    private static final String[] REASONS = {"Card declined", "Insufficient funds", "Expired card"};

    @TempDir
    Path dir;

    /** Event i: time base+i s, sent 0-6 s later; user 1-5; every 4th failed; every 10th a refund. */
    private static boolean failed(int i) {
        return i % 4 == 0;
    }

    private static boolean refund(int i) {
        return i % 10 == 9;
    }

    private static int user(int i) {
        return i % 5 + 1;
    }

    private static long cents(int i) {
        return 10_00 + i * 101L;
    }

    private static String topic(String what) {
        return "events-it-" + what + "-" + System.nanoTime();
    }

    private static Map<String, Object> client() {
        return ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "events-it");
    }

    private static Instant fill(String topic, int badInWindow) {
        SharedBroker.createTopics(Map.of(topic, 3));
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
        try (RawEvents raw = new RawEvents(topic)) {
            for (int i = 0; i < EVENTS; i++) {
                Instant t = base.plusSeconds(i);
                raw.send(i, t, t.plusSeconds(i % 7), refund(i), failed(i), RawEvents.order(i), cents(i),
                        RawEvents.user(user(i)), RawEvents.reference(refund(i), i), REASONS[i % 3], RawEvents.ip(i));
                if (i == 180) { // sent at their time, in the middle of the window below
                    for (int b = 0; b < badInWindow; b++) {
                        raw.sendRaw(10_000 + b, t, ("{\"timestamp\": \"not a time\", \"bad\": " + b + "}")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            raw.flush();
        }
        return base;
    }

    @Test
    void aWindowAndFilterReturnExactlyTheParsedCsvRowsOfThatWindowAndSkipBadRecords() throws Exception {
        String topic = topic("window");
        Instant base = fill(topic, 3);
        Instant from = base.plus(Duration.ofMinutes(2));
        Instant to = base.plus(Duration.ofMinutes(5));
        EventFilter filter = EventFilter.window(from, to).withUser("user_000003").withFailed(true)
                .withType(PaymentType.PAYMENT);

        List<ParsedEvent> found = new ArrayList<>();
        QueryStats stats;
        try (EventsQuery q = EventsQuery.of(client(), topic, Duration.ofSeconds(15))) {
            stats = q.read(filter, found::addAll);
        }

        // Recount from what was sent: the same predicates, spelled on the indexes.
        List<String> expectedOrders = new ArrayList<>();
        for (int i = 120; i < 300; i++) {
            if (user(i) == 3 && failed(i) && !refund(i)) {
                expectedOrders.add(RawEvents.order(i));
            }
        }
        assertThat(expectedOrders).hasSizeGreaterThan(5);
        assertThat(found).extracting(ParsedEvent::orderId).containsExactlyInAnyOrderElementsOf(expectedOrders);
        assertThat(stats.matched()).isEqualTo(expectedOrders.size());
        assertThat(stats.unparseable()).as("the bad records inside the window").isEqualTo(3);
        // [2 min, 5 min) plus the 2 min lateness: about 300 of the 603 records, give or take the send delays.
        assertThat(stats.scanned()).as("records far outside the window are not read")
                .isBetween(300L, 320L);

        // The parsed CSV of the same topic, filtered on its own columns, holds exactly these rows.
        List<String> csv = ParsedCsvOfTopic.rows(client(), topic, dir);
        assertThat(csv).hasSize(EVENTS);
        List<String> csvSelected = csv.stream().filter(line -> {
            String[] c = line.strip().split(",");
            Instant t = Instant.parse(c[0]);
            return !t.isBefore(from) && t.isBefore(to) && c[2].equals("Payment") && c[3].equals("true")
                    && c[6].equals("user_000003");
        }).toList();
        assertThat(found.stream().map(ParsedRows::line).toList()).containsExactlyInAnyOrderElementsOf(csvSelected);
    }

    @Test
    void withoutFiltersTheWindowHoldsEveryEventOfItsMinutes() throws Exception {
        String topic = topic("all");
        Instant base = fill(topic, 0);
        List<ParsedEvent> found = new ArrayList<>();
        try (EventsQuery q = EventsQuery.of(client(), topic, Duration.ofSeconds(15))) {
            q.read(EventFilter.window(base.plus(Duration.ofMinutes(9)), base.plus(Duration.ofMinutes(20))), found::addAll);
        }
        assertThat(found).hasSize(60);
        assertThat(found).allMatch(e -> !e.eventTime().isBefore(base.plus(Duration.ofMinutes(9))));
    }

    @Test
    void aLiveTailSeesAnEventSentAfterItStarted() throws Exception {
        String topic = topic("follow");
        SharedBroker.createTopics(Map.of(topic, 2));
        List<ParsedEvent> seen = new CopyOnWriteArrayList<>();
        AtomicReference<QueryStats> progress = new AtomicReference<>();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (EventsQuery q = EventsQuery.of(client(), topic, Duration.ofSeconds(15));
             RawEvents raw = new RawEvents(topic)) {
            Future<QueryStats> tail = thread.submit(() -> q.follow(EventFilter.ALL.withFailed(true), seen::addAll,
                    progress::set));
            await("the tail polls").atMost(Duration.ofSeconds(20)).until(() -> progress.get() != null);

            Instant now = Instant.now();
            raw.send(1, now, now, false, false, RawEvents.order(1), 12_34, RawEvents.user(7),
                    RawEvents.reference(false, 1), null, RawEvents.ip(1));
            raw.send(2, now, now, false, true, RawEvents.order(2), 56_78, RawEvents.user(7), null,
                    "Card declined", RawEvents.ip(2));
            raw.flush();

            await("the failed payment is tailed").atMost(Duration.ofSeconds(20)).until(() -> !seen.isEmpty());
            q.stop();
            QueryStats end = tail.get(10, TimeUnit.SECONDS);
            assertThat(seen).extracting(ParsedEvent::orderId).containsExactly(RawEvents.order(2));
            assertThat(end.scanned()).isEqualTo(2);
            assertThat(end.matched()).isEqualTo(1);
        } finally {
            thread.shutdownNow();
        }
    }
}

package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.testing.SharedBroker;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier against the shared broker and a real local HTTP receiver, fed by writing alerts to
 * its own alerts topic directly (the processor's part is tested elsewhere; one end-to-end test
 * runs both: {@code NotifyEndToEndIT}).
 */
class AlertNotifierIT {

    private static final List<AlertRule> RULES = RulesFile.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HookServer server = new HookServer();
    private final List<AlertNotifier> notifiers = new ArrayList<>();
    private final List<Silence> silences = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private String alertsTopic;
    private String receiptsTopic;
    private String appId;
    private KafkaProducer<String, Alert> producer;
    private Instant t0;

    @BeforeEach
    void topics() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        alertsTopic = "notify-it-" + id + "-alerts";
        receiptsTopic = "notify-it-" + id + "-receipts";
        appId = "notify-it-" + id;
        SharedBroker.createTopics(Map.of(alertsTopic, 1));
        Map<String, Object> props = client();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notify-it-" + id);
        producer = new KafkaProducer<>(props, new StringSerializer(), Topics.ALERT_VALUE.serializer());
        producer.initTransactions();
        // Whole minutes a while ago: alert windows, as the engine makes them.
        t0 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MINUTES);
    }

    @AfterEach
    void stop() {
        notifiers.forEach(AlertNotifier::close);
        producer.close();
        server.close();
    }

    private static Map<String, Object> client() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", SharedBroker.bootstrapServers());
        return props;
    }

    private ContactPoint webhook(String name, URI url, int maxPerMinute) {
        return new ContactPoint(name, ContactPoint.Kind.WEBHOOK, url, Map.of(), maxPerMinute, true);
    }

    private AlertNotifier start(NotifierOptions options, ContactPoint... contactPoints) {
        List<String> names = Arrays.stream(contactPoints).map(ContactPoint::name).toList();
        Notifications n = new Notifications(List.of(contactPoints), List.of(new Route(Set.of(), Set.of(), names)));
        AlertNotifier notifier = AlertNotifier.start(client(), options, n, RULES, now -> List.copyOf(silences),
                AlertNotifier.httpSenders(), registry, Clock.systemUTC(), Workers.standard());
        notifiers.add(notifier);
        return notifier;
    }

    private NotifierOptions options() {
        return NotifierOptions.of(appId).withTopics(alertsTopic, receiptsTopic)
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(20));
    }

    /** Writes alert updates in one transaction, as the processor writes one window's alerts. */
    private void publish(Alert... alerts) {
        producer.beginTransaction();
        for (Alert a : alerts) {
            producer.send(new ProducerRecord<>(alertsTopic, a.id(), a));
        }
        producer.commitTransaction();
    }

    private Alert alert(String rule, Severity severity, String group, AlertState state, int occurrences) {
        return new Alert(Alert.idOf(rule, group, t0), rule, severity, group, t0, t0.plusSeconds(60L * occurrences),
                55.0, 40, "55.0% of payments failed (threshold 40%).", state, occurrences, t0.plusSeconds(60),
                t0.plusSeconds(60L * occurrences));
    }

    private Alert critical(AlertState state, int occurrences) {
        return alert("payment-failure-rate-critical", Severity.CRITICAL, "Payment", state, occurrences);
    }

    private List<DeliveryReceipt> receipts() {
        Map<String, Object> props = client();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, DeliveryReceipt> c = new KafkaConsumer<>(props, new StringDeserializer(),
                NotifySerdes.RECEIPT.deserializer())) {
            var tp = new TopicPartition(receiptsTopic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<DeliveryReceipt> out = new ArrayList<>();
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
            return out;
        }
    }

    private List<DeliveryReceipt> awaitReceipts(int count) {
        List<DeliveryReceipt> got = new ArrayList<>();
        await("" + count + " receipts").atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    got.clear();
                    got.addAll(receipts());
                    return got.size() >= count;
                });
        return got;
    }

    private static List<String> states(List<HookServer.Post> posts) {
        List<String> out = new ArrayList<>();
        for (HookServer.Post p : posts) {
            for (JsonNode a : p.json().get("alerts")) {
                out.add(a.get("rule").asText() + " " + a.get("state").asText());
            }
        }
        return out;
    }

    @Test
    void theFirstFiringUpdateIsDeliveredOnceAndTheResolvedOneAfterIt() {
        start(options(), webhook("ops", server.url("/hook"), 10));

        publish(critical(AlertState.FIRING, 1));
        publish(critical(AlertState.FIRING, 2));
        publish(critical(AlertState.FIRING, 3));
        publish(critical(AlertState.RESOLVED, 4));

        List<DeliveryReceipt> receipts = awaitReceipts(2);
        assertThat(receipts).extracting(DeliveryReceipt::state, DeliveryReceipt::outcome, DeliveryReceipt::contactPoint)
                .containsExactly(Tuple.tuple(AlertState.FIRING, DeliveryReceipt.Outcome.DELIVERED, "ops"),
                        Tuple.tuple(AlertState.RESOLVED, DeliveryReceipt.Outcome.DELIVERED, "ops"));
        assertThat(states(server.posts())).containsExactly("payment-failure-rate-critical FIRING",
                "payment-failure-rate-critical RESOLVED");
        assertThat(registry.counter(NotifierMetrics.NAME, "contact_point", "ops", "outcome", "delivered").count())
                .isEqualTo(2.0);
    }

    @Test
    void slackAndTeamsContactPointsGetTheirOwnShapesOfTheSameAlert() {
        start(options(), new ContactPoint("chat", ContactPoint.Kind.SLACK, server.url("/slack"), Map.of(), 10, true),
                new ContactPoint("team", ContactPoint.Kind.TEAMS, server.url("/teams"), Map.of(), 10, true));

        publish(critical(AlertState.FIRING, 1));

        awaitReceipts(2);
        Map<String, JsonNode> byPath = new HashMap<>();
        server.posts().forEach(p -> byPath.put(p.path(), p.json()));
        assertThat(byPath).containsOnlyKeys("/slack", "/teams");
        assertThat(byPath.get("/slack").get("text").asText())
                .startsWith(":red_circle: *CRITICAL* `payment-failure-rate-critical` FIRING: 55.0% of payments failed");
        assertThat(byPath.get("/teams").get("attachments").get(0).get("content").get("body").get(0).get("text").asText())
                .startsWith("CRITICAL payment-failure-rate-critical FIRING: 55.0% of payments failed");
    }

    @Test
    void a503IsRetriedWithBackoffUntilDeliveredAnd400IsNotRetried() {
        AlertNotifier notifier = start(options(), webhook("ops", server.url("/hook"), 10));
        server.answer(503, 503, 200, 400);

        publish(critical(AlertState.FIRING, 1));
        publish(alert("card-testing", Severity.CRITICAL, "user_000042", AlertState.FIRING, 1));
        publish(alert("card-testing", Severity.CRITICAL, "user_000043", AlertState.FIRING, 1));

        List<DeliveryReceipt> receipts = awaitReceipts(3);
        // 503, 503, 200 for the first; 400 for the second (once); 200 for the third.
        assertThat(server.posts()).hasSize(5);
        assertThat(receipts).extracting(DeliveryReceipt::outcome).containsExactly(DeliveryReceipt.Outcome.DELIVERED,
                DeliveryReceipt.Outcome.FAILED, DeliveryReceipt.Outcome.DELIVERED);
        assertThat(receipts.get(1).detail()).startsWith("HTTP 400 from 127.0.0.1:").endsWith("(not retried)");
        ContactPointStatus status = notifier.status().get(0);
        assertThat(status.lastError()).isEqualTo(receipts.get(1).detail());
        assertThat(status.lastDelivered()).startsWith("CRITICAL card-testing FIRING");
        assertThat(status.count(DeliveryReceipt.Outcome.DELIVERED)).isEqualTo(2);
        assertThat(status.count(DeliveryReceipt.Outcome.FAILED)).isEqualTo(1);
    }

    @Test
    void aBurstOf100AlertsBecomesAtMostTenMessagesAMinutePlusDigestsThatCountTheRest() {
        // The rate period is a minute in production; 4 s here keeps the test short.
        start(options().withRatePeriod(Duration.ofSeconds(4)), webhook("ops", server.url("/hook"), 10));
        Alert[] burst = new Alert[100];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = alert("card-testing", Severity.CRITICAL, String.format("user_%06d", i), AlertState.FIRING, 1);
        }

        publish(burst);

        List<DeliveryReceipt> receipts = awaitReceipts(100);
        List<HookServer.Post> posts = server.posts();
        List<JsonNode> singles = posts.stream().map(HookServer.Post::json)
                .filter(j -> j.get("type").asText().equals("alert")).toList();
        List<JsonNode> digests = posts.stream().map(HookServer.Post::json)
                .filter(j -> j.get("type").asText().equals("digest")).toList();
        assertThat(singles).hasSize(10);
        assertThat(digests).isNotEmpty();
        assertThat(singles.size() + digests.stream().mapToInt(d -> d.get("count").asInt()).sum()).isEqualTo(100);
        assertThat(digests.get(0).get("summary").asText()).startsWith("90 more alerts held back by the rate limit");
        // The eleventh message waits for the first one's slot to free up.
        assertThat(Duration.ofNanos(posts.get(10).receivedNanos() - posts.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(3900));
        assertThat(receipts).hasSize(100);
        assertThat(receipts.stream().filter(r -> r.outcome() == DeliveryReceipt.Outcome.DELIVERED)).hasSize(10);
        assertThat(receipts.stream().filter(r -> r.outcome() == DeliveryReceipt.Outcome.GROUPED)).hasSize(90);
    }

    @Test
    void nothingDeliveredIsSentAgainAfterARestart() {
        ContactPoint ops = webhook("ops", server.url("/hook"), 10);
        AlertNotifier first = start(options(), ops);
        publish(critical(AlertState.FIRING, 1));
        awaitReceipts(1);
        first.close();

        publish(critical(AlertState.FIRING, 2)); // a republish while the notifier is down
        start(options(), ops);
        publish(critical(AlertState.FIRING, 3));
        publish(critical(AlertState.RESOLVED, 4));

        awaitReceipts(2);
        assertThat(states(server.posts())).containsExactly("payment-failure-rate-critical FIRING",
                "payment-failure-rate-critical RESOLVED");
    }

    @Test
    void aSilencedAlertIsRecordedButNotDelivered() {
        silences.add(new Silence("5ilence1", "payment-failure-rate-critical", Silence.ANY,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), "maintenance", "it"));
        start(options(), webhook("ops", server.url("/hook"), 10));

        publish(critical(AlertState.FIRING, 1));
        publish(alert("card-testing", Severity.CRITICAL, "user_000042", AlertState.FIRING, 1));

        List<DeliveryReceipt> receipts = awaitReceipts(2);
        assertThat(receipts).extracting(DeliveryReceipt::outcome)
                .containsExactly(DeliveryReceipt.Outcome.SILENCED, DeliveryReceipt.Outcome.DELIVERED);
        assertThat(receipts.get(0).detail()).startsWith("Silenced by 5ilence1 until ");
        assertThat(states(server.posts())).containsExactly("card-testing FIRING");
    }

    @Test
    void aWarningWhoseCriticalFiresInTheSameWindowIsInhibited() {
        start(options(), webhook("ops", server.url("/hook"), 10));

        // The engine writes the rules in file order: the WARNING comes first.
        publish(alert("payment-failure-rate", Severity.WARNING, "Payment", AlertState.FIRING, 1),
                critical(AlertState.FIRING, 1));

        List<DeliveryReceipt> receipts = awaitReceipts(2);
        assertThat(receipts).extracting(DeliveryReceipt::alertId, DeliveryReceipt::outcome).containsExactlyInAnyOrder(
                Tuple.tuple(Alert.idOf("payment-failure-rate", "Payment", t0),
                        DeliveryReceipt.Outcome.INHIBITED),
                Tuple.tuple(critical(AlertState.FIRING, 1).id(), DeliveryReceipt.Outcome.DELIVERED));
        assertThat(states(server.posts())).containsExactly("payment-failure-rate-critical FIRING");
    }

    @Test
    void anUnreachableReceiverHoldsOnlyItsOwnContactPoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlertNotifier notifier = start(options().withBackoff(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMinutes(10)), webhook("gone", URI.create("http://127.0.0.1:" + closedPort + "/hook"), 10),
                webhook("ops", server.url("/hook"), 10));

        publish(critical(AlertState.FIRING, 1));

        awaitReceipts(1);
        assertThat(receipts()).singleElement().satisfies(r -> assertThat(r.contactPoint()).isEqualTo("ops"));
        await().atMost(WAIT).until(() -> notifier.status().get(0).lastError().startsWith("Cannot connect to 127.0.0.1"));
        assertThat(notifier.status().get(0).running()).isTrue();
        // Closing interrupts the backoff at once instead of waiting the retries out.
        long t = System.nanoTime();
        notifier.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aNewGroupStartsWithTheLastTenMinutesNotTheWholeHistory() {
        Alert old = alert("card-testing", Severity.CRITICAL, "user_000001", AlertState.FIRING, 1);
        Alert recent = alert("card-testing", Severity.CRITICAL, "user_000002", AlertState.FIRING, 1);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(alertsTopic, null, Instant.now().minusSeconds(3600).toEpochMilli(),
                old.id(), old));
        producer.send(new ProducerRecord<>(alertsTopic, null, Instant.now().minusSeconds(120).toEpochMilli(),
                recent.id(), recent));
        producer.commitTransaction();

        start(options(), webhook("ops", server.url("/hook"), 10));

        assertThat(awaitReceipts(1)).singleElement().satisfies(r -> assertThat(r.alertId()).isEqualTo(recent.id()));
        assertThat(server.posts()).hasSize(1);
    }

    @Test
    void withoutASenderTheDesktopIsSkippedAndReportedSo() {
        ContactPoint desktop = NotificationsFile.defaults().contactPoints().get(0);
        AlertNotifier notifier = AlertNotifier.start(client(), options(), NotificationsFile.defaults(), RULES,
                SilenceView.none(), AlertNotifier.httpSenders(), null, Clock.systemUTC(), Workers.standard());
        notifiers.add(notifier);

        assertThat(notifier.status()).singleElement().satisfies(s -> {
            assertThat(s.contactPoint()).isEqualTo(desktop);
            assertThat(s.running()).isFalse();
        });
        assertThat(Optional.of(notifier)).isPresent();
    }
}

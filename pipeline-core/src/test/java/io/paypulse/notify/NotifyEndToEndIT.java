package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.config.Scenario;
import io.paypulse.generate.Generator;
import io.paypulse.pipeline.LocalPipeline;
import io.paypulse.pipeline.RunHooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user runs, test-sized: the whole local pipeline (embedded broker, processor, generator) with
 * {@code notify.webhook-url} pointing at a real local HTTP server. A gateway outage delivers a firing
 * failure-rate alert within two minutes of its start, and its RESOLVED message once the generator is
 * back to normal; no alert update is delivered twice, and a second contact point nobody listens at
 * (retrying meanwhile) holds up neither the processor nor the first.
 *
 * <p>Event time is the generator's clock, here {@link EventClock}: every event is 60 ms after the one
 * before (1,000 events a minute), so a minute of traffic is the same on a busy machine and an idle
 * one, and 14 minutes take a second to generate. The processor, its windows and the shipped rules
 * are the real ones. Its own broker, not the shared one: the pipeline uses the fixed topic names.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotifyEndToEndIT {

    private static final Duration STEP = Duration.ofMillis(60);
    private static final int MINUTES = 14;
    private static final int OUTAGE_AT_MINUTE = 3;
    private static final Duration OUTAGE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /**
     * Moves {@link #STEP} on every reading (the generator reads it once per event at rate 0) and
     * switches the generator to a gateway outage at minute {@link #OUTAGE_AT_MINUTE}. It starts 15
     * minutes in the past: the parser dead-letters events more than 15 minutes in the future.
     */
    static final class EventClock extends Clock {
        final Instant start = Instant.now().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES);
        final Instant outageStart = start.plus(Duration.ofMinutes(OUTAGE_AT_MINUTE));
        private final AtomicLong readings = new AtomicLong();
        private volatile Generator generator;
        private volatile boolean switched;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            Instant t = start.plus(STEP.multipliedBy(readings.getAndIncrement()));
            if (!switched && !t.isBefore(outageStart) && generator != null) {
                switched = true; // the generator thread, before it makes this event
                generator.switchTo(Scenario.GATEWAY_OUTAGE, OUTAGE);
            }
            return t;
        }
    }

    @Test
    void aGatewayOutageReachesTheWebhookFiringThenResolvedAndNothingTwice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // The shipped rules plus a contact point nobody listens at: it must hold up nothing.
        Path rules = dir.resolve("rules.yaml");
        try (var in = RulesFile.class.getResourceAsStream(RulesFile.DEFAULT_RESOURCE)) {
            Files.writeString(rules, new String(in.readAllBytes(), StandardCharsets.UTF_8) + """

                    notifications:
                      contact-points:
                        - { name: gone, type: webhook, url: "http://127.0.0.1:%d/hook" }
                    """.formatted(closedPort));
        }
        try (HookServer server = new HookServer()) {
            PayPulseConfig base = PayPulseConfig.forCluster("", dir);
            ProcessorSettings p = ProcessorSettings.defaults();
            long events = MINUTES * Duration.ofMinutes(1).dividedBy(STEP);
            PayPulseConfig config = base.with(c -> {
                c.brokerPort = 0;
                c.partitions = 2;
                c.generator = GeneratorSettings.defaults().with(s -> {
                    s.rate = 0;
                    s.events = events;
                    s.seed = 12L;
                });
                c.processor = p.with(b -> {
                    b.rulesFile = rules;
                    b.applicationId = "notify-e2e";
                    b.sinks = false;
                    b.notifyWebhookUrl = server.url("/hook").toString();
                });
            });
            EventClock clock = new EventClock();
            try (LocalPipeline pipeline = new LocalPipeline(config, RulesFile.load(rules), clock, line -> { })
                    .withHooks(new RunHooks() {
                        @Override
                        public void beforeGenerator(PayPulseConfig c, Generator generator) {
                            clock.generator = generator;
                        }
                    })) {
                pipeline.start();

                JsonNode firing = await("a firing failure-rate alert").atMost(Duration.ofSeconds(60))
                        .until(() -> find(server, "FIRING", Optional.empty()), Optional::isPresent).get();
                assertThat(firing.get("rule").asText()).startsWith("payment-failure-rate");
                assertThat(Instant.parse(firing.get("windowEnd").asText()))
                        .as("delivered for a window within 2 minutes of the outage start")
                        .isAfter(clock.outageStart)
                        .isBeforeOrEqualTo(clock.outageStart.plus(Duration.ofMinutes(2)));
                String id = firing.get("alertId").asText();
                JsonNode resolved = await("its resolved message").atMost(Duration.ofSeconds(60))
                        .until(() -> find(server, "RESOLVED", Optional.of(id)), Optional::isPresent).get();
                assertThat(resolved.get("summary").asText()).contains("RESOLVED");

                // Each alert update at most once, however often the processor republished the bucket.
                List<String> updates = new ArrayList<>();
                server.posts().forEach(post -> post.json().get("alerts").forEach(a ->
                        updates.add(a.get("alertId").asText() + " " + a.get("state").asText())));
                assertThat(updates).doesNotHaveDuplicates();
                // The outage starts on a window edge: both failure-rate rules fire in its first window, and
                // the CRITICAL inhibits the WARNING (firing and resolved), however the backlog was polled.
                assertThat(firing.get("rule").asText()).isEqualTo("payment-failure-rate-critical");
                assertThat(updates).noneMatch(u -> u.startsWith("payment-failure-rate|"));
                assertThat(pipeline.processor().failure()).isNull();
                // The file's contact point, still retrying, then the one notify.webhook-url adds.
                List<ContactPointStatus> status = pipeline.processor().notificationStatus();
                assertThat(status).extracting(s -> s.contactPoint().name()).containsExactly("gone",
                        NotificationsFile.WEBHOOK_URL_CONTACT_POINT);
                assertThat(status.get(0).running()).isTrue();
                assertThat(status.get(0).lastError()).startsWith("Cannot connect to 127.0.0.1:" + closedPort);
                assertThat(status.get(0).count(DeliveryReceipt.Outcome.DELIVERED)).isZero();
                System.out.println("Delivered: " + String.join("; ", updates));
                // The receiver records a post before the notifier has its answer: the count follows.
                await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.processor().notificationStatus().get(1)
                        .count(DeliveryReceipt.Outcome.DELIVERED) == server.posts().size());
                assertThat(pipeline.processor().notificationStatus().get(1).count(DeliveryReceipt.Outcome.INHIBITED))
                        .isEqualTo(2);
            }
        }
    }

    private static Optional<JsonNode> find(HookServer server, String state, Optional<String> id) {
        for (HookServer.Post post : server.posts()) {
            for (JsonNode a : post.json().get("alerts")) {
                if (a.get("rule").asText().startsWith("payment-failure-rate") && a.get("state").asText().equals(state)
                        && id.map(i -> i.equals(a.get("alertId").asText())).orElse(true)) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}

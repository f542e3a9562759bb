package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.cluster.TopicSetup;
import io.paypulse.event.Alert;
import io.paypulse.testing.SharedBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Silences written to a real (shared embedded) broker and read back by separate readers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicSilencesIT {

    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private final String topic = "silences-it-" + UUID.randomUUID();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aSilenceWrittenByOneClientSilencesTheMatchingAlertForAnotherReader() throws Exception {
        TopicSilences writerView = loaded(new TopicSilences(topic));
        SilenceWriter writer = writer(writerView, Clock.fixed(T0, ZoneOffset.UTC));
        Silence s = writer.add("payment-failure-rate", "Payment/failed", T0.plus(Duration.ofHours(2)), "gateway work",
                "cli");

        TopicSilences other = loaded(new TopicSilences(topic));
        assertThat(other.all()).containsExactly(s);
        assertThat(other.silenced(SilenceTestAlerts.firing("payment-failure-rate", "Payment/failed"), T0.plusSeconds(60))).isTrue();
        assertThat(other.silenced(SilenceTestAlerts.firing("payment-failure-rate", "Refund/failed"), T0.plusSeconds(60))).isFalse();
        assertThat(other.silenced(SilenceTestAlerts.firing("refund-failure-rate", "Payment/failed"), T0.plusSeconds(60))).isFalse();
    }

    @Test
    void aSilenceAddedWhileAReaderRunsReachesIt() throws Exception {
        TopicSilences reader = loaded(new TopicSilences(topic));
        assertThat(reader.all()).isEmpty();
        SilenceWriter writer = writer(loaded(new TopicSilences(topic)), Clock.fixed(T0, ZoneOffset.UTC));
        Silence s = writer.add(Silence.ANY, Silence.ANY, T0.plus(Duration.ofMinutes(15)), "", "app");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reader.find(s.id()).isPresent());
        assertThat(reader.active(T0.plusSeconds(1))).containsExactly(s);
    }

    @Test
    void expireEndsTheSilenceForEveryReaderAndListsKeepItAsEnded() throws Exception {
        TopicSilences view = loaded(new TopicSilences(topic));
        Instant later = T0.plus(Duration.ofMinutes(30));
        SilenceWriter adds = writer(view, Clock.fixed(T0, ZoneOffset.UTC));
        Silence s = adds.add("card-testing", Silence.ANY, T0.plus(Duration.ofHours(2)), "", "cli");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view.find(s.id()).isPresent());

        SilenceWriter expires = writer(view, Clock.fixed(later, ZoneOffset.UTC));
        assertThat(expires.expire(s.id())).hasValueSatisfying(e -> assertThat(e.endsAt()).isEqualTo(later));

        TopicSilences fresh = loaded(new TopicSilences(topic));
        Silence ended = fresh.find(s.id()).orElseThrow();
        assertThat(SilenceState.of(ended, later)).isEqualTo(SilenceState.ENDED);
        assertThat(fresh.active(later)).isEmpty();
        assertThat(fresh.silenced(SilenceTestAlerts.firing("card-testing", "u-1"), later.minusSeconds(1))).isTrue();
        assertThat(fresh.silenced(SilenceTestAlerts.firing("card-testing", "u-1"), later)).isFalse();
    }

    @Test
    void expiringAnUnknownIdSaysHowToListThem() throws Exception {
        SilenceWriter writer = writer(loaded(new TopicSilences(topic)), Clock.systemUTC());
        assertThatThrownBy(() -> writer.expire("deadbeef"))
                .hasMessage("No silence has the id 'deadbeef'; 'paypulse silence list --all' shows them.");
    }

    @Test
    void aRestartedReaderSeesTheSameSetIncludingForgottenAndReplacedOnes() throws Exception {
        TopicSilences view = loaded(new TopicSilences(topic));
        SilenceWriter writer = writer(view, Clock.fixed(T0, ZoneOffset.UTC));
        Silence a = writer.add("r-a", Silence.ANY, T0.plus(Duration.ofHours(1)), "", "cli");
        Silence b = writer.add("r-b", Silence.ANY, T0.plus(Duration.ofHours(3)), "", "cli");
        Silence c = writer.add("r-c", Silence.ANY, T0.plus(Duration.ofHours(2)), "", "cli");
        writer.forget(c.id());
        Silence b2 = writer.add(new Silence(b.id(), b.rule(), b.group(), b.startsAt(), T0.plus(Duration.ofHours(4)),
                "longer", b.createdBy()));

        TopicSilences first = loaded(new TopicSilences(topic));
        List<Silence> seen = first.all();
        first.close();
        TopicSilences restarted = loaded(new TopicSilences(topic));
        assertThat(restarted.all()).isEqualTo(seen).containsExactly(a, b2);
    }

    @Test
    void aSilenceExpiresByItselfAtItsEnd() throws Exception {
        TopicSilences view = loaded(new TopicSilences(topic));
        SilenceWriter writer = writer(view, Clock.fixed(T0, ZoneOffset.UTC));
        Silence s = writer.add("payment-failure-rate", Silence.ANY, T0.plus(Duration.ofMinutes(15)), "", "cli");
        TopicSilences reader = loaded(new TopicSilences(topic));
        Alert alert = SilenceTestAlerts.firing("payment-failure-rate", "Payment/failed");
        assertThat(reader.silenced(alert, s.endsAt().minusMillis(1))).isTrue();
        assertThat(reader.silenced(alert, s.endsAt())).isFalse();
        assertThat(reader.active(s.endsAt())).isEmpty();
        assertThat(reader.all()).containsExactly(s); // still listed, as ended
    }

    @Test
    void aRecordThatIsNotASilenceIsSkippedAndTheOthersStillLoad() throws Exception {
        TopicSilences view = loaded(new TopicSilences(topic));
        SilenceWriter writer = writer(view, Clock.fixed(T0, ZoneOffset.UTC));
        Silence good = writer.add("r-a", Silence.ANY, T0.plus(Duration.ofHours(1)), "", "cli");
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        try (var p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "junk", "{not json")).get(10, TimeUnit.SECONDS);
        }
        assertThat(loaded(new TopicSilences(topic)).all()).containsExactly(good);
    }

    @Test
    void theTopicIsCreatedCompactedAndAnExistingDeletePolicyTopicIsMadeCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrapServers()))) {
            var created = TopicSetup.ensureCompacted(admin, topic, (short) 1, LOAD);
            assertThat(created.created()).isTrue();
            assertThat(created.partitions()).isEqualTo(1);
            assertThat(TopicSetup.cleanupPolicy(admin, topic, LOAD)).isEqualTo("compact");
            assertThat(TopicSetup.ensureCompacted(admin, topic, (short) 1, LOAD).created()).isFalse();

            String plain = topic + "-plain";
            admin.createTopics(List.of(new NewTopic(plain, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(TopicSetup.cleanupPolicy(admin, plain, LOAD)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(TopicSetup.ensureCompacted(admin, plain, (short) 1, LOAD).created()).isFalse();
            assertThat(TopicSetup.cleanupPolicy(admin, plain, LOAD)).isEqualTo("compact");
        }
    }

    @Test
    void aReaderOfAMissingTopicCreatesItCompacted() throws Exception {
        loaded(new TopicSilences(topic));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedBroker.bootstrapServers()))) {
            assertThat(TopicSetup.cleanupPolicy(admin, topic, LOAD)).isEqualTo("compact");
        }
    }

    private TopicSilences loaded(TopicSilences silences) throws InterruptedException {
        open.add(silences);
        silences.start(client());
        assertThat(silences.awaitLoaded(LOAD)).as("loaded " + topic).isTrue();
        return silences;
    }

    private SilenceWriter writer(TopicSilences view, Clock clock) {
        SilenceWriter w = new SilenceWriter(client(), view, clock, Duration.ofSeconds(20));
        open.add(0, w);
        return w;
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        return p;
    }
}

package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.Scenario;
import io.paypulse.event.Group;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.testing.MutableClock;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The sending loop against Kafka's {@link MockProducer} (no broker): what is sent, counted and
 * tallied, how it stops, and how scenarios expire.
 */
class GeneratorTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(T0);

    static MockProducer<String, LogEvent> mockProducer() {
        return new MockProducer<>(true, null, Topics.KEY.serializer(), Topics.RAW_VALUE.serializer());
    }

    static GeneratorSettings settings(double rate, long events, Long seed, String scenario) {
        return GeneratorSettings.defaults().with(s -> {
            s.rate = rate;
            s.events = events;
            s.seed = seed;
            s.scenario = scenario;
        });
    }

    @Test
    void switchToWithADurationReturnsToNormalAfterIt() {
        try (Generator g = new Generator(settings(100, 0, 1L, "normal"), clock, GeneratorTest::mockProducer)) {
            g.switchTo(Scenario.GATEWAY_OUTAGE, Duration.ofMinutes(5));
            assertThat(g.scenario()).isEqualTo(Scenario.GATEWAY_OUTAGE);
            clock.advance(Duration.ofMinutes(5).minusNanos(1));
            assertThat(g.scenario()).isEqualTo(Scenario.GATEWAY_OUTAGE);
            clock.advance(Duration.ofNanos(1));
            assertThat(g.scenario()).isEqualTo(Scenario.NORMAL);
            clock.advance(Duration.ofHours(1));
            assertThat(g.scenario()).isEqualTo(Scenario.NORMAL);
        }
    }

    @Test
    void switchToWithoutADurationStays() {
        try (Generator g = new Generator(settings(100, 0, 1L, "normal"), clock, GeneratorTest::mockProducer)) {
            g.switchTo(Scenario.REFUND_SPIKE, null);
            clock.advance(Duration.ofDays(3));
            assertThat(g.scenario()).isEqualTo(Scenario.REFUND_SPIKE);
        }
    }

    @Test
    void aLaterSwitchReplacesAnEarlierTimedOne() {
        try (Generator g = new Generator(settings(100, 0, 1L, "quiet"), clock, GeneratorTest::mockProducer)) {
            assertThat(g.scenario()).isEqualTo(Scenario.QUIET);
            g.switchTo(Scenario.CARD_TESTING, Duration.ofMinutes(1));
            g.switchTo(Scenario.GATEWAY_OUTAGE, Duration.ofMinutes(10));
            clock.advance(Duration.ofMinutes(2));
            assertThat(g.scenario()).isEqualTo(Scenario.GATEWAY_OUTAGE);
        }
    }

    @Test
    void rejectsBadSettingsAsConfigErrors() {
        assertThatThrownBy(() -> new Generator(settings(100, 0, null, "outage"), clock, GeneratorTest::mockProducer))
                .isInstanceOf(ConfigException.class).hasMessageContaining("generator.scenario");
        assertThatThrownBy(() -> new Generator(settings(-1, 0, null, "normal"), clock, GeneratorTest::mockProducer))
                .isInstanceOf(ConfigException.class).hasMessageContaining("generator.rate");
        assertThatThrownBy(() -> new Generator(settings(Double.NaN, 0, null, "normal"), clock, GeneratorTest::mockProducer))
                .isInstanceOf(ConfigException.class).hasMessageContaining("generator.rate");
        assertThatThrownBy(() -> new Generator(settings(1, -5, null, "normal"), clock, GeneratorTest::mockProducer))
                .isInstanceOf(ConfigException.class).hasMessageContaining("generator.events");
    }

    @Test
    void producerConfigKeepsDeliveryGuaranteesAndAcceptsTuning() {
        Map<String, Object> p = Generator.producerConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
        assertThat(p).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262_144)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
        assertThat(Generator.producerConfig(Map.of())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10);
    }

    @Test
    void aBoundedRunSendsTheSeededSequenceKeyedByUserAndTalliesWhatWasAcknowledged() throws InterruptedException {
        MockProducer<String, LogEvent> producer = mockProducer();
        try (Generator g = new Generator(settings(0, 2_000, 77L, "normal"), clock, () -> producer)) {
            g.start();
            assertThat(g.awaitDone(WAIT)).isTrue();
            assertThat(g.sent()).isEqualTo(2_000);
            assertThat(g.failed()).isZero();
            assertThat(g.lastError()).isEmpty();

            List<ProducerRecord<String, LogEvent>> records = producer.history();
            EventFactory expected = new EventFactory(77L);
            GeneratorTally tally = new GeneratorTally();
            assertThat(records).hasSize(2_000);
            for (ProducerRecord<String, LogEvent> r : records) {
                GeneratedEvent e = expected.next(T0, Scenario.NORMAL);
                assertThat(r.topic()).isEqualTo(Topics.RAW);
                assertThat(r.key()).isEqualTo(e.key());
                assertThat(r.value()).isEqualTo(e.event());
                assertThat(r.value().timestamp()).isEqualTo(T0);
                tally.add(PaymentMessage.parse(r.value().message()));
            }
            for (Group group : Group.ALL) {
                assertThat(g.tally().count(group)).as(group.key()).isEqualTo(tally.count(group));
                assertThat(g.tally().sumCents(group)).as(group.key()).isEqualTo(tally.sumCents(group));
            }
            assertThat(g.tally().total()).isEqualTo(2_000);
        }
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void pacesToTheConfiguredRate() throws InterruptedException {
        long start = System.nanoTime();
        try (Generator g = new Generator(settings(200, 60, 1L, "normal"), clock, GeneratorTest::mockProducer)) {
            g.start();
            assertThat(g.awaitDone(WAIT)).isTrue();
        }
        // The first event is due at once, each next one 5 ms later: 59 intervals at least.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(295));
    }

    @Test
    void aRateChangeTakesEffectImmediately() throws InterruptedException {
        try (Generator g = new Generator(settings(0.01, 50, 1L, "normal"), clock, GeneratorTest::mockProducer)) {
            g.start(); // one event now, the next in 100 s
            g.setRate(0);
            assertThat(g.awaitDone(WAIT)).isTrue();
            assertThat(g.sent()).isEqualTo(50);
        }
    }

    @Test
    void quietSendsNothingUntilItsTimeIsUp() throws InterruptedException {
        MockProducer<String, LogEvent> producer = mockProducer();
        try (Generator g = new Generator(settings(0, 10, 1L, "normal"), clock, () -> producer)) {
            g.switchTo(Scenario.QUIET, Duration.ofMinutes(1));
            g.start();
            assertThat(g.awaitDone(Duration.ofMillis(200))).isFalse();
            assertThat(producer.history()).isEmpty();

            clock.advance(Duration.ofMinutes(1));
            assertThat(g.awaitDone(WAIT)).isTrue();
            assertThat(g.scenario()).isEqualTo(Scenario.NORMAL);
            assertThat(producer.history()).hasSize(10);
        }
    }

    @Test
    void sendFailuresAreCountedAndKeptWhileTheLoopGoesOn() throws InterruptedException {
        FailingEveryThirdSend producer = new FailingEveryThirdSend();
        try (Generator g = new Generator(settings(0, 300, 1L, "normal"), clock, () -> producer)) {
            g.start();
            assertThat(g.awaitDone(WAIT)).as("not every event was acknowledged").isFalse();
            assertThat(producer.history()).hasSize(200);
            assertThat(g.sent()).isEqualTo(200);
            assertThat(g.tally().total()).isEqualTo(200);
            assertThat(g.failed()).isEqualTo(100);
            assertThat(g.lastError()).containsInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void anExceptionFromSendEndsTheLoopAndIsKept() throws InterruptedException {
        MockProducer<String, LogEvent> producer = mockProducer();
        producer.sendException = new KafkaException("producer is broken");
        try (Generator g = new Generator(settings(0, 10, 1L, "normal"), clock, () -> producer)) {
            g.start();
            assertThat(g.awaitDone(WAIT)).isFalse();
            assertThat(g.sent()).isZero();
            assertThat(g.lastError()).containsSame(producer.sendException);
        }
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void closeStopsAnUnboundedRunAndIsIdempotent() throws InterruptedException {
        MockProducer<String, LogEvent> producer = mockProducer();
        Generator g = new Generator(settings(1_000, 0, 1L, "normal"), clock, () -> producer);
        g.start();
        g.close();
        g.close();
        assertThat(producer.closed()).isTrue();
        assertThat(g.awaitDone(Duration.ZERO)).as("an unbounded run is never done").isFalse();
        assertThatThrownBy(g::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeBeforeStartNeverCreatesAProducer() {
        AtomicInteger created = new AtomicInteger();
        Generator g = new Generator(settings(1, 0, 1L, "normal"), clock, () -> {
            created.incrementAndGet();
            return mockProducer();
        });
        g.close();
        assertThat(created).hasValue(0);
    }

    @Test
    void startTwiceIsAnError() {
        try (Generator g = new Generator(settings(1, 0, 1L, "normal"), clock, GeneratorTest::mockProducer)) {
            g.start();
            assertThatThrownBy(g::start).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Acknowledges two sends in three and fails the third as the real producer does, through the callback. */
    static final class FailingEveryThirdSend extends MockProducer<String, LogEvent> {
        private int sends;

        FailingEveryThirdSend() {
            super(true, null, Topics.KEY.serializer(), Topics.RAW_VALUE.serializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, LogEvent> record, Callback callback) {
            if (++sends % 3 == 0) {
                TimeoutException e = new TimeoutException("Expiring 1 record(s) for payment-0");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }
}

package io.paypulse.app.dashboard;

import static io.paypulse.app.Fixtures.T0;
import static io.paypulse.app.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.app.MutableClock;
import io.paypulse.app.connection.GeneratorControl;
import io.paypulse.app.connection.Session;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.app.feed.ProbeSample;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.generate.Scenario;
import io.paypulse.process.alert.AlertRule;
import io.paypulse.process.alert.RulesFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(30));
    private final DashboardViewModel vm = new DashboardViewModel(clock);
    private final FakeGenerator generator = new FakeGenerator();

    private FeedSnapshot snapshot(Instant at, List<MinutePoint> minutes, long total) {
        return new FeedSnapshot(at, minutes, List.of(), total, 0, ProbeSample.NONE, total, null);
    }

    private static MinutePoint minute(Instant start, long ok, long failed) {
        return new MinutePoint(start, ok, failed, 0, 0, (ok + failed) * 100, false);
    }

    @Test
    void kpisShowTheOpenMinuteFiringAlertsLagAndDeadLetters() {
        vm.attach(session());
        FeedSnapshot s = new FeedSnapshot(clock.instant(), List.of(minute(T0.minusSeconds(60), 90, 10), minute(T0, 40, 60)),
                List.of(alert("a", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                        alert("b", Severity.WARNING, T0, AlertState.RESOLVED, 1)),
                1234567, 7, new ProbeSample(clock.instant(), 42, true), 1, null);
        vm.render(s);

        assertThat(vm.failureRateNowProperty().get()).isEqualTo("60.0 %");
        assertThat(vm.failureRateHighProperty().get()).isTrue();
        assertThat(vm.firingAlertsProperty().get()).isEqualTo("1");
        assertThat(vm.processorLagProperty().get()).isEqualTo("42");
        assertThat(vm.dlqCountProperty().get()).isEqualTo("7");
        assertThat(vm.eventsTotalProperty().get()).isEqualTo("1,234,567");
    }

    @Test
    void aWarningItsCriticalInhibitsIsNotCountedAsASecondFiringAlert() {
        vm.attach(session());
        vm.render(new FeedSnapshot(clock.instant(), List.of(),
                List.of(alert("payment-failure-rate-critical", Severity.CRITICAL, T0, AlertState.FIRING, 1),
                        alert("payment-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1),
                        alert("refund-failure-rate", Severity.WARNING, T0, AlertState.FIRING, 1)),
                0, 0, ProbeSample.NONE, 0, null));
        assertThat(vm.firingAlertsProperty().get()).isEqualTo("2");
    }

    @Test
    void eventsPerSecondComesFromTheTotalOverTheLastSeconds() {
        vm.attach(session());
        vm.render(snapshot(clock.instant(), List.of(), 1000));
        clock.advance(Duration.ofSeconds(2));
        vm.render(snapshot(clock.instant(), List.of(), 1400));
        assertThat(vm.eventsPerSecondProperty().get()).isEqualTo("200.0");
    }

    @Test
    void unknownLagShowsADash() {
        vm.attach(session());
        vm.render(snapshot(clock.instant(), List.of(), 0));
        assertThat(vm.processorLagProperty().get()).isEqualTo("–");
        assertThat(vm.failureRateNowProperty().get()).isEqualTo("–");
    }

    @Test
    void theLagTileNamesThePartitionBehindAndSaysPlainlyWhenCaughtUp() {
        vm.attach(session());
        io.paypulse.health.LagReport behind = new io.paypulse.health.LagReport(clock.instant(), "g", "payment", List.of(
                new io.paypulse.health.PartitionLagRow(0, 50, 50, 0, -1, 0),
                new io.paypulse.health.PartitionLagRow(1, 50, 50, 0, -1, 0),
                new io.paypulse.health.PartitionLagRow(2, 50, 12_450, 12_400, 1, 8_200)), true, null);
        vm.render(new FeedSnapshot(clock.instant(), List.of(), List.of(), 0, 0, ProbeSample.of(behind), 1, null));
        assertThat(vm.processorLagProperty().get()).isEqualTo("12,400 (8.2 s)");
        assertThat(vm.processorLagDetailProperty().get()).isEqualTo("partition 2 behind");

        io.paypulse.health.LagReport caughtUp = new io.paypulse.health.LagReport(clock.instant(), "g", "payment",
                List.of(new io.paypulse.health.PartitionLagRow(0, 50, 50, 0, -1, 0),
                        new io.paypulse.health.PartitionLagRow(1, 50, 50, 0, -1, 0)), true, null);
        vm.render(new FeedSnapshot(clock.instant(), List.of(), List.of(), 0, 0, ProbeSample.of(caughtUp), 2, null));
        assertThat(vm.processorLagProperty().get()).isEqualTo("0");
        assertThat(vm.processorLagDetailProperty().get()).isEqualTo("caught up on all 2 partitions");
    }

    @Test
    void theFrameIsASlidingSixtyMinuteRangeEndingAfterTheOpenMinute() {
        vm.attach(session());
        List<MinutePoint> points = new ArrayList<>();
        for (int i = 70; i >= 0; i--) {
            points.add(minute(T0.minusSeconds(60L * i), 10, 1));
        }
        vm.render(snapshot(clock.instant(), points, 1));

        DashboardFrame f = vm.frameProperty().get();
        double openMinute = T0.getEpochSecond() / 60.0;
        assertThat(f.xUpper()).isEqualTo(openMinute + 1);
        assertThat(f.xLower()).isLessThanOrEqualTo(openMinute - 60).isGreaterThan(openMinute - 70);
        assertThat(f.xLower() % 10).isZero();
        assertThat(f.minutes()).hasSizeBetween(61, 70);
        assertThat(f.minutes().get(f.minutes().size() - 1).start()).isEqualTo(T0);
    }

    @Test
    void thresholdLinesComeFromTheFailureRateRules() {
        List<Threshold> t = DashboardViewModel.thresholdsOf(RulesFile.defaults());
        assertThat(t).extracting(Threshold::type, Threshold::percent).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(PaymentType.PAYMENT, 25.0),
                org.assertj.core.groups.Tuple.tuple(PaymentType.PAYMENT, 40.0),
                org.assertj.core.groups.Tuple.tuple(PaymentType.REFUND, 40.0));
    }

    @Test
    void historyKeepsOneSampleEveryTwoSecondsAndIsBounded() {
        vm.attach(session());
        for (int i = 0; i < 1000; i++) {
            vm.render(snapshot(clock.instant(), List.of(), i));
            clock.advance(Duration.ofMillis(250));
        }
        List<HistoryPoint> h = vm.frameProperty().get().history();
        assertThat(h).hasSizeLessThanOrEqualTo(DashboardViewModel.HISTORY_POINTS);
        assertThat(Duration.between(h.get(0).at(), h.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void generatorCommandsReachTheGenerator() {
        vm.rateProperty().set(300);
        vm.attach(session());
        assertThat(generator.rate).isEqualTo(300);
        assertThat(vm.generatorAvailableProperty().get()).isTrue();

        vm.applyRate(2000);
        vm.scenario(Scenario.GATEWAY_OUTAGE);
        assertThat(generator.rate).isEqualTo(2000);
        assertThat(generator.scenario).isEqualTo(Scenario.GATEWAY_OUTAGE);
        assertThat(vm.scenarioProperty().get()).isEqualTo("Gateway outage");
    }

    @Test
    void withoutAGeneratorTheControlsAreOff() {
        vm.attach(null);
        vm.applyRate(50);
        assertThat(vm.generatorAvailableProperty().get()).isFalse();
        assertThat(vm.rateProperty().get()).isEqualTo(50);
    }

    private Session session() {
        return new Session() {
            @Override
            public LiveData data() {
                return new LiveData(clock);
            }

            @Override
            public Optional<GeneratorControl> generator() {
                return Optional.of(generator);
            }

            @Override
            public List<AlertRule> rules() {
                return RulesFile.defaults();
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public void close() {
            }
        };
    }

    private static final class FakeGenerator implements GeneratorControl {
        double rate;
        Scenario scenario = Scenario.NORMAL;

        @Override
        public void setRate(double eventsPerSecond) {
            rate = eventsPerSecond;
        }

        @Override
        public double rate() {
            return rate;
        }

        @Override
        public void switchTo(Scenario s) {
            scenario = s;
        }

        @Override
        public Scenario scenario() {
            return scenario;
        }

        @Override
        public long sent() {
            return 0;
        }
    }
}

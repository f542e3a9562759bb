package io.paypulse.app.dashboard;

import static io.paypulse.app.Fixtures.T0;
import static io.paypulse.app.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.app.session.GeneratorControl;
import io.paypulse.app.session.Session;
import io.paypulse.config.Scenario;
import io.paypulse.health.LagReport;
import io.paypulse.health.PartitionLagRow;
import io.paypulse.testing.MutableClock;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.app.feed.ProbeSample;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
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
        LagReport behind = new LagReport(clock.instant(), "g", "payment", List.of(
                new PartitionLagRow(0, 50, 50, 0, -1, 0),
                new PartitionLagRow(1, 50, 50, 0, -1, 0),
                new PartitionLagRow(2, 50, 12_450, 12_400, 1, 8_200)), true, null);
        vm.render(new FeedSnapshot(clock.instant(), List.of(), List.of(), 0, 0, ProbeSample.of(behind), 1, null));
        assertThat(vm.processorLagProperty().get()).isEqualTo("12,400 (8.2 s)");
        assertThat(vm.processorLagDetailProperty().get()).isEqualTo("partition 2 behind");

        LagReport caughtUp = new LagReport(clock.instant(), "g", "payment",
                List.of(new PartitionLagRow(0, 50, 50, 0, -1, 0),
                        new PartitionLagRow(1, 50, 50, 0, -1, 0)), true, null);
        vm.render(new FeedSnapshot(clock.instant(), List.of(), List.of(), 0, 0, ProbeSample.of(caughtUp), 2, null));
        assertThat(vm.processorLagProperty().get()).isEqualTo("0");
        assertThat(vm.processorLagDetailProperty().get()).isEqualTo("caught up on all 2 partitions");
    }

    @Test
    void theDefaultRangeIsTheLastHourEndingAfterTheOpenMinuteWhichIsScaledAndMarkedOpen() {
        vm.attach(session());
        List<MinutePoint> points = new ArrayList<>();
        for (int i = 70; i >= 0; i--) {
            points.add(minute(T0.minusSeconds(60L * i), 10, 1));
        }
        vm.render(snapshot(clock.instant(), points, 1)); // 30 s into minute T0

        DashboardFrame f = vm.frameProperty().get();
        double openMinute = T0.getEpochSecond() / 60.0;
        assertThat(f.xUpper()).isEqualTo(openMinute + 1);
        assertThat(f.xLower()).isEqualTo(openMinute + 1 - 60);
        assertThat(f.live()).isTrue();
        assertThat(f.range()).isEqualTo(TimeRange.HOUR_1);
        SeriesLine ok = f.line(ChartSeries.PAYMENTS_OK);
        assertThat(ok.size()).isEqualTo(61); // 59 closed minutes in range, one left of it, the open one
        assertThat(ok.open()).isTrue();
        assertThat(ok.x()[ok.size() - 1]).isEqualTo(openMinute + 0.5);
        assertThat(ok.y()[ok.size() - 1]).as("10 in 30 s is 20 a minute").isEqualTo(20);
        assertThat(ok.y()[ok.size() - 2]).isEqualTo(10);
        SeriesLine rate = f.line(ChartSeries.PAYMENT_FAILURE_RATE);
        assertThat(rate.y()[rate.size() - 1]).as("a rate is not scaled").isCloseTo(100.0 / 11, within(1e-9));
    }

    @Test
    void inItsFirstTenSecondsTheOpenMinuteIsNotDrawnAndAFinalMinuteIsNeverOpen() {
        vm.attach(session());
        clock.advance(Duration.between(clock.instant(), T0.plusSeconds(4)));
        vm.render(snapshot(clock.instant(), List.of(minute(T0.minusSeconds(60), 10, 1), minute(T0, 1, 0)), 1));
        SeriesLine early = vm.frameProperty().get().line(ChartSeries.PAYMENTS_OK);
        assertThat(early.open()).isFalse();
        assertThat(early.size()).isEqualTo(1);
        assertThat(early.x()[0]).isEqualTo(T0.getEpochSecond() / 60.0 - 0.5);

        clock.advance(Duration.between(clock.instant(), T0.plusSeconds(40)));
        MinutePoint closed = new MinutePoint(T0, 30, 0, 0, 0, 0, true);
        vm.render(new FeedSnapshot(clock.instant(), List.of(closed), List.of(), 2, 0, ProbeSample.NONE, 2, null));
        SeriesLine line = vm.frameProperty().get().line(ChartSeries.PAYMENTS_OK);
        assertThat(line.open()).isFalse();
        assertThat(line.y()[line.size() - 1]).isEqualTo(30);
    }

    @Test
    void rangePresetsZoomPanAndLive() {
        vm.attach(session());
        vm.render(snapshot(clock.instant(), List.of(minute(T0, 1, 0)), 1));
        double end = T0.getEpochSecond() / 60.0 + 1;

        vm.selectRange(TimeRange.DAYS_7);
        assertThat(vm.frameProperty().get().xLower()).isEqualTo(end - 7 * 24 * 60);
        assertThat(vm.rangeProperty().get()).isEqualTo(TimeRange.DAYS_7);

        vm.selectRange(TimeRange.HOURS_6);
        vm.zoomCentered(0.5);
        assertThat(vm.frameProperty().get().xUpper() - vm.frameProperty().get().xLower()).isEqualTo(180);
        assertThat(vm.liveProperty().get()).as("zooming a live range keeps following").isTrue();
        assertThat(vm.rangeProperty().get()).as("180 min is no preset").isNull();

        vm.panBy(-0.25);
        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.frameProperty().get().xUpper()).isEqualTo(end - 45);
        clock.advance(Duration.ofMinutes(5));
        vm.render(snapshot(clock.instant(), List.of(minute(T0, 1, 0)), 2));
        assertThat(vm.frameProperty().get().xUpper()).as("a stopped range stays put").isEqualTo(end - 45);

        vm.goLive();
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.frameProperty().get().xUpper()).isEqualTo(end + 5);
        assertThat(vm.frameProperty().get().xUpper() - vm.frameProperty().get().xLower()).isEqualTo(180);
    }

    @Test
    void sevenDaysOfMinutesAreDecimatedToTwoPointsPerColumnKeepingTheSpike() {
        vm.attach(session());
        vm.setColumns(300);
        List<MinutePoint> week = new ArrayList<>();
        for (int i = 7 * 24 * 60; i >= 1; i--) {
            week.add(minute(T0.minusSeconds(60L * i), i == 3000 ? 5000 : 100 + i % 7, 0));
        }
        vm.render(snapshot(clock.instant(), week, 1));
        vm.selectRange(TimeRange.DAYS_7);

        SeriesLine ok = vm.frameProperty().get().line(ChartSeries.PAYMENTS_OK);
        assertThat(ok.size()).as("two points per column of 300, plus the edges").isLessThanOrEqualTo(2 * 300 + 2).isGreaterThan(300);
        assertThat(ok.max()).isEqualTo(5000);
        double spikeX = T0.getEpochSecond() / 60.0 - 3000 + 0.5;
        boolean found = false;
        for (int i = 0; i < ok.size(); i++) {
            found |= ok.x()[i] == spikeX && ok.y()[i] == 5000;
        }
        assertThat(found).isTrue();
    }

    @Test
    void theNearestSeriesAtAMinuteIsTheOneADoubleClickOpens() {
        vm.attach(session());
        vm.render(snapshot(clock.instant(), List.of(minute(T0.minusSeconds(60), 90, 10)), 1));
        long m = T0.getEpochSecond() / 60 - 1;
        List<ChartSeries> payments = List.of(ChartSeries.PAYMENTS_OK, ChartSeries.PAYMENTS_FAILED);
        assertThat(vm.nearest(payments, m, 80)).contains(ChartSeries.PAYMENTS_OK);
        assertThat(vm.nearest(payments, m, 20)).contains(ChartSeries.PAYMENTS_FAILED);
        assertThat(vm.nearest(payments, m - 5, 20)).as("no data in that minute").isEmpty();
    }

    @Test
    void thresholdLinesComeFromTheFailureRateRules() {
        List<Threshold> t = DashboardViewModel.thresholdsOf(RulesFile.defaults());
        assertThat(t).extracting(Threshold::type, Threshold::percent).containsExactlyInAnyOrder(
                Tuple.tuple(PaymentType.PAYMENT, 25.0),
                Tuple.tuple(PaymentType.PAYMENT, 40.0),
                Tuple.tuple(PaymentType.REFUND, 40.0));
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

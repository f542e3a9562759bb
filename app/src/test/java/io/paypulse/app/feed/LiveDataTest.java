package io.paypulse.app.feed;

import static io.paypulse.app.Fixtures.T0;
import static io.paypulse.app.Fixtures.agg;
import static io.paypulse.app.Fixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import java.time.Clock;
import java.time.ZoneOffset;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LiveDataTest {

    private final LiveData data = new LiveData(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void liveUpdatesReplaceAndTheTotalCountsEachEventOnce() {
        data.onAggregate(agg(T0, PaymentType.PAYMENT, false, 10, false));
        data.onAggregate(agg(T0, PaymentType.PAYMENT, false, 25, false));
        data.onAggregate(agg(T0, PaymentType.PAYMENT, true, 5, false));
        data.onAggregate(agg(T0, PaymentType.PAYMENT, false, 30, true));

        FeedSnapshot s = data.snapshot();
        assertThat(s.minutes()).hasSize(1);
        MinutePoint p = s.minutes().get(0);
        assertThat(p.paymentsOk()).isEqualTo(30);
        assertThat(p.paymentsFailed()).isEqualTo(5);
        assertThat(p.complete()).isTrue();
        assertThat(s.totalEvents()).isEqualTo(35);
        assertThat(p.paymentFailureRate()).isCloseTo(100.0 * 5 / 35, Offset.offset(1e-9));
    }

    @Test
    void aLiveUpdateAfterTheFinalValueChangesNothing() {
        data.onAggregate(agg(T0, PaymentType.REFUND, false, 8, true));
        data.onAggregate(agg(T0, PaymentType.REFUND, false, 3, false));
        assertThat(data.snapshot().minutes().get(0).refundsOk()).isEqualTo(8);
    }

    @Test
    void keepsOnlySixtyMinutesBeforeTheNewest() {
        for (int i = 0; i < 200; i++) {
            data.onAggregate(agg(T0.plusSeconds(60L * i), PaymentType.PAYMENT, false, 1, true));
        }
        FeedSnapshot s = data.snapshot();
        assertThat(s.minutes()).hasSize(61);
        assertThat(s.minutes().get(0).start()).isEqualTo(T0.plusSeconds(60L * 139));
        assertThat(s.totalEvents()).isEqualTo(200);
    }

    @Test
    void alertsAreUpsertedByIdAndBoundedDroppingResolvedFirst() {
        data.onAlert(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 1));
        data.onAlert(alert("r", Severity.CRITICAL, T0, AlertState.FIRING, 2));
        assertThat(data.snapshot().alerts()).hasSize(1);
        assertThat(data.snapshot().alerts().get(0).occurrences()).isEqualTo(2);

        data.onAlert(alert("old-resolved", Severity.WARNING, T0.minusSeconds(600), AlertState.RESOLVED, 1));
        for (int i = 1; i < LiveData.MAX_ALERTS; i++) {
            data.onAlert(alert("f" + i, Severity.WARNING, T0.plusSeconds(i), AlertState.FIRING, 1));
        }
        FeedSnapshot s = data.snapshot();
        assertThat(s.alerts()).hasSize(LiveData.MAX_ALERTS);
        assertThat(s.alerts()).noneMatch(a -> a.rule().equals("old-resolved"));
        assertThat(s.alerts()).anyMatch(a -> a.rule().equals("r"));
    }

    @Test
    void versionMovesOnlyWhenSomethingChanged() {
        long v0 = data.snapshot().version();
        data.onDeadLetters(0);
        assertThat(data.snapshot().version()).isEqualTo(v0);
        data.onDeadLetters(3);
        assertThat(data.snapshot().version()).isGreaterThan(v0);
        assertThat(data.snapshot().dlqCount()).isEqualTo(3);
    }
}

package io.paypulse.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MinuteStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final MinuteStore store = new MinuteStore();

    private static WindowAggregate agg(Instant start, boolean failed, long count, boolean fin) {
        return new WindowAggregate(start, start.plusSeconds(60), PaymentType.PAYMENT, failed, count, count * 100, fin);
    }

    @Test
    void theFinalValueReplacesLiveOnesAndIsNotReplacedByAStrayLiveUpdate() {
        store.upsert(agg(T0, false, 5, false), MinuteStore.Source.LIVE);
        store.upsert(agg(T0, false, 9, true), MinuteStore.Source.LIVE);
        store.upsert(agg(T0, false, 7, false), MinuteStore.Source.LIVE);
        MinuteSeries s = store.snapshot();
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.count(0, 0)).isEqualTo(9);
        assertThat(s.amountCents(0)).isEqualTo(900);
        assertThat(s.complete(0)).isTrue();
    }

    @Test
    void theBackfillNeverReplacesWhatTheLiveFeedWroteUnlessItIsFinal() {
        store.upsert(agg(T0, true, 12, false), MinuteStore.Source.LIVE);
        store.upsert(agg(T0, true, 3, false), MinuteStore.Source.HISTORY); // an older record of the topic
        assertThat(store.snapshot().count(1, 0)).isEqualTo(12);
        store.upsert(agg(T0, true, 13, true), MinuteStore.Source.HISTORY);
        assertThat(store.snapshot().count(1, 0)).isEqualTo(13);
    }

    @Test
    void keepsSevenDaysInTimeOrderAndDropsOlderMinutes() {
        int week = 7 * 24 * 60;
        for (int i = 0; i < week + 500; i++) {
            store.upsert(agg(T0.plusSeconds(60L * i), false, i, true), MinuteStore.Source.HISTORY);
        }
        MinuteSeries s = store.snapshot();
        assertThat(s.size()).isEqualTo(MinuteStore.CAPACITY);
        assertThat(s.start(s.size() - 1)).isEqualTo(T0.plusSeconds(60L * (week + 499)));
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.minute(i)).isEqualTo(s.minute(i - 1) + 1);
        }
        assertThat(store.upsert(agg(T0, false, 1, true), MinuteStore.Source.HISTORY)).as("too old").isFalse();
    }

    @Test
    void minutesArriveInAnyOrder() {
        store.upsert(agg(T0.plusSeconds(120), false, 3, true), MinuteStore.Source.HISTORY);
        store.upsert(agg(T0, false, 1, true), MinuteStore.Source.HISTORY);
        store.upsert(agg(T0.plusSeconds(60), false, 2, true), MinuteStore.Source.LIVE);
        MinuteSeries s = store.snapshot();
        assertThat(s.size()).isEqualTo(3);
        assertThat(new long[] {s.count(0, 0), s.count(0, 1), s.count(0, 2)}).containsExactly(1, 2, 3);
    }
}

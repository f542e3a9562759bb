package io.paypulse.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.app.dashboard.ChartSeries;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.PaymentType;
import io.paypulse.event.Severity;
import io.paypulse.investigate.EventFilter;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** From an alert's group (what process/alert puts there) and a chart series to the events behind them (a past day: titles name the date). */
class EventsRequestTest {

    private static final Instant START = Instant.parse("2025-06-01T10:41:00Z");
    private static final Instant END = Instant.parse("2025-06-01T10:43:00Z");

    private static Alert alert(String rule, String group) {
        return new Alert(Alert.idOf(rule, group, START), rule, Severity.WARNING, group, START, END, 1, 1, "m",
                AlertState.FIRING, 2, START, END);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(nullValues = "-", value = {
        "card-testing, user_004711, PAYMENT, true, user_004711, Failed payments of user_004711",
        "payment-failure-rate, Payment, PAYMENT, true, -, Failed payments",
        "refund-failure-rate, Refund, REFUND, true, -, Failed refunds",
        "refund-spike, Refund/any, REFUND, -, -, Refunds",
        "payment-volume-anomaly, Payment/any, PAYMENT, -, -, Payments",
        "ok-count, any/ok, -, false, -, Successful events",
        "no-data, all, -, -, -, Events",
    })
    void anAlertShowsTheEventsItsRuleCounted(String rule, String group, PaymentType type, Boolean failed, String user,
            String title) {
        EventsRequest r = EventsRequest.forAlert(alert(rule, group));
        EventFilter f = r.filter();
        assertThat(f.from()).isEqualTo(START);
        assertThat(f.to()).as("the whole episode, to its latest window's end").isEqualTo(END);
        assertThat(f.type()).isEqualTo(type);
        assertThat(f.failed()).isEqualTo(failed);
        assertThat(f.user()).isEqualTo(user);
        assertThat(r.title(ZoneOffset.UTC, r.subject())).isEqualTo(title + ", 2025-06-01 10:41–10:43");
    }

    @Test
    void everyPointOfTheDashboardsChartsOpensTheEventsItCounts() {
        for (ChartSeries series : ChartSeries.values()) {
            assertThat(EventsRequest.forChartPoint(series.key(), START).filter().from()).as(series.key()).isEqualTo(START);
        }
        assertThat(EventsRequest.forChartPoint("Payment/failed", START).filter())
                .isEqualTo(EventFilter.window(START, START.plusSeconds(60)).withType(PaymentType.PAYMENT).withFailed(true));
        assertThat(EventsRequest.forChartPoint("Refund/failure-rate", START).filter())
                .isEqualTo(EventFilter.window(START, START.plusSeconds(60)).withType(PaymentType.REFUND));
        assertThat(EventsRequest.forChartPoint("Amount", START).filter())
                .isEqualTo(EventFilter.window(START, START.plusSeconds(60)));
    }

    @Test
    void aChartMinuteIsThatMinuteOfThatSeries() {
        EventsRequest r = EventsRequest.forMinute(EventsRequest.REFUNDS_FAILED, START);
        assertThat(r.filter()).isEqualTo(EventFilter.window(START, START.plusSeconds(60))
                .withType(PaymentType.REFUND).withFailed(true));
        assertThat(r.title(ZoneOffset.UTC, null)).isEqualTo("Failed refunds, 2025-06-01 10:41–10:42");
        assertThat(EventsRequest.forMinute(EventsRequest.PAYMENTS_OK, START).title(ZoneOffset.UTC, null))
                .startsWith("Successful payments");
        assertThatThrownBy(() -> EventsRequest.forMinute("Failed", START)).hasMessageStartingWith("unknown series 'Failed'");
    }
}

package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.AlertState;
import io.paypulse.notify.DeliveryReceipt;
import io.paypulse.notify.DeliveryReceipt.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-alert line and per-contact-point status the receipts fold into (no broker). */
class DeliveryLogTest {

    private static final Instant T = Instant.parse("2026-12-03T10:42:03Z");
    private final DeliveryLog log = new DeliveryLog(Map.of("bootstrap.servers", "unused:9092"));

    private static DeliveryReceipt receipt(String alert, AlertState state, String cp, Outcome o, int secs,
                                           String detail) {
        return new DeliveryReceipt(alert, state, cp, o, T.plusSeconds(secs), detail);
    }

    @Test
    void showsEachContactPointByNameWithATickWhenDeliveredWhateverTheReadOrder() {
        log.onReceipt(receipt("a", AlertState.FIRING, "on-call", Outcome.DELIVERED, 0, ""));
        log.onReceipt(receipt("a", AlertState.FIRING, "desktop", Outcome.DELIVERED, 1, ""));

        assertThat(log.deliveredTo().apply("a")).isEqualTo("desktop ✓ · on-call ✓");
    }

    @Test
    void showsTheHttpStatusOfAFailure() {
        log.onReceipt(receipt("a", AlertState.FIRING, "ops-hook", Outcome.FAILED, 0,
                "HTTP 400 from hooks.example.com: not retried"));

        assertThat(log.deliveredTo().apply("a")).isEqualTo("ops-hook ✗ HTTP 400");
    }

    @Test
    void saysSilencedOrInhibitedInOneWordWhenEveryContactPointHeldItBack() {
        log.onReceipt(receipt("s", AlertState.FIRING, "on-call", Outcome.SILENCED, 0, "silence 7"));
        log.onReceipt(receipt("s", AlertState.FIRING, "desktop", Outcome.SILENCED, 0, "silence 7"));
        log.onReceipt(receipt("i", AlertState.FIRING, "desktop", Outcome.INHIBITED, 0, "by critical"));

        assertThat(log.deliveredTo().apply("s")).isEqualTo("silenced");
        assertThat(log.deliveredTo().apply("i")).isEqualTo("inhibited");
    }

    @Test
    void theResolvedReceiptIsTheAlertsLastWord() {
        log.onReceipt(receipt("a", AlertState.RESOLVED, "on-call", Outcome.DELIVERED, 0, ""));
        log.onReceipt(receipt("a", AlertState.FIRING, "on-call", Outcome.FAILED, 5, "timed out after 3 tries"));

        assertThat(log.deliveredTo().apply("a")).isEqualTo("on-call ✓");
    }

    @Test
    void unknownAlertsShowNothing() {
        assertThat(log.deliveredTo().apply("nope")).isEmpty();
    }

    @Test
    void keepsTheLastDeliveryAndTheLastErrorPerContactPoint() {
        log.onReceipt(receipt("a", AlertState.FIRING, "on-call", Outcome.DELIVERED, 0, ""));
        log.onReceipt(receipt("b", AlertState.FIRING, "on-call", Outcome.FAILED, 10, "HTTP 503 from x: gave up"));
        log.onReceipt(receipt("c", AlertState.FIRING, "on-call", Outcome.DELIVERED, 20, ""));
        // An older receipt read later (another partition) does not move the times back.
        log.onReceipt(receipt("d", AlertState.FIRING, "on-call", Outcome.DELIVERED, 5, ""));

        ReceiptStatus s = log.status("on-call");
        assertThat(s.lastDelivery()).isEqualTo(T.plusSeconds(20));
        assertThat(s.lastErrorAt()).isEqualTo(T.plusSeconds(10));
        assertThat(s.lastError()).isEqualTo("HTTP 503 from x: gave up");
        assertThat(log.status("desktop")).isEqualTo(ReceiptStatus.NONE);
    }

    @Test
    void forgetsTheOldestAlertsBeyondItsBound() {
        for (int i = 0; i <= DeliveryLog.MAX_ALERTS; i++) {
            log.onReceipt(receipt("a" + i, AlertState.FIRING, "desktop", Outcome.DELIVERED, 0, ""));
        }
        assertThat(log.deliveredTo().apply("a0")).isEmpty();
        assertThat(log.deliveredTo().apply("a" + DeliveryLog.MAX_ALERTS)).isEqualTo("desktop ✓");
    }
}

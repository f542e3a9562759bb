package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.RulesException;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Message;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.NotificationsFile;
import io.paypulse.notify.Route;
import io.paypulse.notify.SendResult;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Notifications window's state without a stage: same-thread executors, a fixed clock. */
class NotificationsViewModelTest {

    private static final Executor NOW = Runnable::run;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:42:03Z"), ZoneOffset.UTC);
    private static final ContactPoint HOOK = new ContactPoint("ops-hook", ContactPoint.Kind.WEBHOOK,
            URI.create("https://hooks.example.com/T0/SECRET"), Map.of("Authorization", "Bearer SECRET"), 10, true);
    private static final Notifications TWO = new Notifications(
            List.of(NotificationsFile.defaults().contactPoints().get(0), HOOK),
            List.of(new Route(Set.of(), Set.of(), List.of("desktop", "ops-hook"))));

    private final Map<String, ReceiptStatus> receipts = new HashMap<>();
    private final List<Message> sent = new ArrayList<>();
    private SendResult answer = SendResult.delivered(204);

    private NotificationsViewModel model(Supplier<Notifications> source) {
        return new NotificationsViewModel(source, cp -> m -> {
            sent.add(m);
            return answer;
        }, name -> receipts.getOrDefault(name, ReceiptStatus.NONE), () -> DesktopTray.NO_TRAY, NOW, NOW, CLOCK);
    }

    @Test
    void listsTheContactPointsWithoutSecretsAndTheDesktopNote() {
        NotificationsViewModel model = model(() -> TWO);
        model.reload();
        assertThat(model.rows()).extracting(ContactPointRow::name).containsExactly("desktop", "ops-hook");
        assertThat(model.rows().get(0).lastError()).isEqualTo("not available: this desktop has no system tray");
        assertThat(model.rows().get(1).destination()).isEqualTo("https://hooks.example.com");
        assertThat(model.rows().toString()).doesNotContain("SECRET");
        assertThat(model.defaultOnlyProperty().get()).isFalse();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void theDefaultDesktopAloneIsTheEmptyState() {
        NotificationsViewModel model = model(NotificationsFile::defaults);
        model.reload();
        assertThat(model.defaultOnlyProperty().get()).isTrue();
    }

    @Test
    void aBrokenSectionIsItsSentenceAndNoRows() {
        NotificationsViewModel model = model(() -> {
            throw new RulesException("Contact point 'on-call' in rules.yaml: invalid value for 'url'.");
        });
        model.reload();
        assertThat(model.problemProperty().get()).isEqualTo("Contact point 'on-call' in rules.yaml: invalid value for 'url'.");
        assertThat(model.rows()).isEmpty();
        assertThat(model.defaultOnlyProperty().get()).isFalse();
    }

    @Test
    void sendTestSaysWhenItWasDeliveredAndTheRowShowsIt() {
        NotificationsViewModel model = model(() -> TWO);
        model.reload();
        model.sendTest("ops-hook");
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(Message.Type.TEST));
        assertThat(model.testResultProperty().get()).isEqualTo("Test delivered to ops-hook at 10:42:03.");
        assertThat(model.rows().get(1).lastDelivery()).isEqualTo("10:42:03");
        assertThat(model.sendingProperty().get()).isFalse();
    }

    @Test
    void aRefusedTestIsOneSentenceAndTheRowsLastError() {
        answer = SendResult.rejected(400, "HTTP 400 from hooks.example.com: bad token (not retried)");
        NotificationsViewModel model = model(() -> TWO);
        model.reload();
        model.sendTest("ops-hook");
        assertThat(model.testResultProperty().get())
                .isEqualTo("Test to ops-hook not delivered: HTTP 400 from hooks.example.com: bad token (not retried).");
        assertThat(model.rows().get(1).lastError()).isEqualTo("10:42:03  HTTP 400 from hooks.example.com: bad token (not retried)");
        assertThat(model.rows().get(1).lastDelivery()).isEqualTo("never");
    }

    @Test
    void receiptsFeedTheDeliveryColumnsOnRefresh() {
        NotificationsViewModel model = model(() -> TWO);
        model.reload();
        receipts.put("ops-hook", ReceiptStatus.NONE.delivered(Instant.parse("2026-12-03T10:40:00Z"))
                .failed(Instant.parse("2026-12-03T10:41:00Z"), "No answer from hooks.example.com within 10 s"));
        model.refresh();
        assertThat(model.rows().get(1).lastDelivery()).isEqualTo("10:40:00");
        assertThat(model.rows().get(1).lastError()).isEqualTo("10:41:00  No answer from hooks.example.com within 10 s");
    }
}

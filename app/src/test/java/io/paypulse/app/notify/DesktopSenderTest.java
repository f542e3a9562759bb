package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Message;
import io.paypulse.notify.Notice;
import io.paypulse.notify.NotificationsFile;
import io.paypulse.notify.SendResult;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The desktop contact point's sender, with and without a notification area (see DesktopTrayTest). */
class DesktopSenderTest {

    private static final BufferedImage IMAGE = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    private static final ContactPoint DESKTOP = NotificationsFile.defaults().contactPoints().get(0);
    private static final Instant W = Instant.parse("2026-12-03T10:41:00Z");
    private static final Notice NOTICE = new Notice("card-testing|u-42|" + W, "card-testing", Severity.CRITICAL,
            AlertState.FIRING, "u-42", W, W.plusSeconds(60), 31, 20, "u-42", 1,
            "CRITICAL card-testing FIRING: 31 declined payments (u-42, 10:41-10:42 UTC)");

    @Test
    void withoutATrayAlertsCountAsShownByTheBannerButATestSaysWhyNothingAppeared() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display: the test below covers it");
        try (DesktopTray tray = DesktopTray.start(IMAGE, () -> false, id -> { })) {
            DesktopSender sender = new DesktopSender(tray);
            assertThat(sender.send(Message.of(NOTICE)).isDelivered()).isTrue();
            SendResult test = sender.send(Message.test(DESKTOP));
            assertThat(test.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
            assertThat(test.detail()).isEqualTo("Desktop notifications are not available: this desktop has no system tray.");
            assertThat(sender.note()).isEqualTo(DesktopTray.NO_TRAY);
        }
    }

    @Test
    void aTestIsShownEvenWithTheWindowFocusedAndAClickedAlertOpensIt() throws Exception {
        Assumptions.assumeTrue(!GraphicsEnvironment.isHeadless() && SystemTray.isSupported(),
                "no system tray here (headless JVM or no notification area); CI runs this on Xvfb with trayer");
        BlockingQueue<String> opened = new ArrayBlockingQueue<>(4);
        try (DesktopTray tray = DesktopTray.start(IMAGE, () -> true, opened::add)) {
            DesktopSender sender = new DesktopSender(tray);
            assertThat(sender.send(Message.test(DESKTOP)).isDelivered()).isTrue();
            assertThat(sender.send(Message.of(NOTICE)).isDelivered()).isTrue(); // focused: the banner shows it
        }
        try (DesktopTray tray = DesktopTray.start(IMAGE, () -> false, opened::add)) {
            DesktopSender sender = new DesktopSender(tray);
            assertThat(sender.send(Message.digest(List.of(NOTICE, NOTICE))).isDelivered()).isTrue();
            var icon = tray.icon().orElseThrow();
            for (var l : icon.getActionListeners()) {
                l.actionPerformed(new ActionEvent(icon, ActionEvent.ACTION_PERFORMED, ""));
            }
            assertThat(opened.poll(5, TimeUnit.SECONDS)).isEqualTo(NOTICE.alertId());
        }
    }
}

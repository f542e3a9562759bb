package io.paypulse.app.notify;

import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.notify.Message;
import io.paypulse.notify.Notice;
import io.paypulse.notify.SendResult;
import io.paypulse.notify.Sender;

/**
 * The desktop contact point: an OS notification from the {@link DesktopTray} when the PayPulse
 * window is not focused, plus the in-app banner (which shows every firing alert anyway). An alert
 * counts as delivered when either showed it, so a desktop without a tray still gets "desktop ✓"
 * through the banner; a test message ("Send test") must reach the tray and is shown even when the
 * window is focused, since its point is to see the OS notification. Never throws.
 */
public final class DesktopSender implements Sender {

    private final DesktopTray tray;

    public DesktopSender(DesktopTray tray) {
        this.tray = tray;
    }

    @Override
    public SendResult send(Message message) {
        DesktopTray.Shown shown = switch (message.type()) {
            case TEST -> tray.show(null, "PayPulse test", message.summary(), null, true);
            case ALERT -> {
                Notice n = message.notices().get(0);
                boolean resolved = n.state() == AlertState.RESOLVED;
                yield tray.show(n.alertId(), "PayPulse " + n.severity() + (resolved ? " resolved" : "") + ": "
                        + n.rule(), message.summary(), resolved ? null : n.severity());
            }
            case DIGEST -> {
                boolean critical = message.notices().stream()
                        .anyMatch(n -> n.severity() == Severity.CRITICAL && n.state() == AlertState.FIRING);
                yield tray.show(message.notices().get(0).alertId(), "PayPulse: " + message.alertCount()
                        + " more alerts", message.summary(), critical ? Severity.CRITICAL : Severity.WARNING);
            }
        };
        return switch (shown) {
            case NOTIFIED, WINDOW_FOCUSED -> SendResult.delivered(0);
            case NO_TRAY -> message.type() == Message.Type.TEST
                    ? SendResult.rejected(0, "Desktop notifications are " + DesktopTray.NO_TRAY + ".")
                    : SendResult.delivered(0); // the in-app banner shows it
            case FAILED -> SendResult.retry(0, "The system tray did not answer in time.");
        };
    }

    /** "" or why OS notifications cannot be shown here, for the Notifications window. */
    public String note() {
        return tray.note();
    }
}

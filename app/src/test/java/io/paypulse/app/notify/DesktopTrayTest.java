package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Severity;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The desktop contact point's tray. Without a display (the default test run: java.awt.headless)
 * only the "no tray" half runs; with a display that has a notification area (CI starts trayer on
 * an Xvfb display and runs this class again there: profile {@code desktop-tray} in app/pom.xml,
 * variable PAYPULSE_TRAY_DISPLAY) the real AWT tray half runs.
 */
class DesktopTrayTest {

    private static final BufferedImage IMAGE = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);

    @Test
    void withoutATrayItSaysSoOnceAndShowsOnlyTheInAppBanner() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(),
                "this JVM has a display (java.awt.headless=false): the tray test below covers it");
        try (DesktopTray tray = DesktopTray.start(IMAGE, () -> false, id -> { })) {
            assertThat(tray.available()).isFalse();
            assertThat(tray.note()).isEqualTo("not available: this desktop has no system tray");
            assertThat(tray.show("a1", "PayPulse", "CRITICAL card-testing FIRING", Severity.CRITICAL))
                    .isEqualTo(DesktopTray.Shown.NO_TRAY);
        }
    }

    @Test
    void showsANotificationWhenTheWindowIsNotFocusedAndAClickOpensThatAlert() throws Exception {
        Assumptions.assumeTrue(!GraphicsEnvironment.isHeadless() && SystemTray.isSupported(),
                "no system tray here (headless JVM or no notification area on the display); CI runs this "
                        + "on an Xvfb display with trayer: set PAYPULSE_TRAY_DISPLAY to such a display");
        AtomicBoolean focused = new AtomicBoolean(false);
        BlockingQueue<String> opened = new ArrayBlockingQueue<>(4);
        try (DesktopTray tray = DesktopTray.start(IMAGE, focused::get, opened::add)) {
            assertThat(tray.available()).isTrue();
            assertThat(tray.note()).isEmpty();
            TrayIcon icon = tray.icon().orElseThrow();
            assertThat(Arrays.asList(SystemTray.getSystemTray().getTrayIcons())).contains(icon);

            assertThat(tray.show("card-testing|u-42|2026-12-03T10:41:00Z", "PayPulse CRITICAL",
                    "card-testing FIRING for u-42", Severity.CRITICAL)).isEqualTo(DesktopTray.Shown.NOTIFIED);

            // A click on the notification reaches the icon's action listeners (XToolkit does exactly this).
            for (var l : icon.getActionListeners()) {
                l.actionPerformed(new ActionEvent(icon, ActionEvent.ACTION_PERFORMED, ""));
            }
            assertThat(opened.poll(5, TimeUnit.SECONDS)).isEqualTo("card-testing|u-42|2026-12-03T10:41:00Z");

            focused.set(true);
            assertThat(tray.show("other", "PayPulse WARNING", "x", Severity.WARNING))
                    .isEqualTo(DesktopTray.Shown.WINDOW_FOCUSED);
        }
        assertThat(SystemTray.getSystemTray().getTrayIcons()).isEmpty();
    }
}

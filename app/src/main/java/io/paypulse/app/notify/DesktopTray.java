package io.paypulse.app.notify;

import io.paypulse.event.Severity;
import io.paypulse.threads.Workers;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PayPulse icon in the desktop's notification area (AWT {@link SystemTray}) and the OS
 * notifications shown from it. Every AWT call runs on this class's own thread ({@code desktop-tray}),
 * never on the FX thread, and AWT is only touched when a display exists
 * ({@link GraphicsEnvironment#isHeadless()} false), so it never takes over the FX app's toolkit.
 *
 * <p>No tray (headless, Monocle tests, a desktop without a notification area): {@link #available()}
 * is false, {@link #note()} says so in one sentence, and {@link #show} shows nothing and never throws.
 * Clicking a notification (the icon's action) calls {@code onOpen} with the id of the alert last shown,
 * on the AWT thread: the receiver hops to the FX thread itself.
 */
public final class DesktopTray implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopTray.class);
    public static final String NO_TRAY = "not available: this desktop has no system tray";

    /** What became of one {@link #show} call. */
    public enum Shown {
        /** An OS notification was shown. */
        NOTIFIED,
        /** The PayPulse window has the focus: its banner shows the alert, no OS notification. */
        WINDOW_FOCUSED,
        /** No notification area on this desktop: only the in-app banner shows it. */
        NO_TRAY,
        /** The tray did not answer in time. */
        FAILED
    }

    private final BooleanSupplier windowFocused;
    private final Consumer<String> onOpen;
    private final ExecutorService awt;
    private volatile TrayIcon icon;
    private volatile String note = "";
    private volatile String lastAlertId;

    private DesktopTray(BooleanSupplier windowFocused, Consumer<String> onOpen, Workers workers) {
        this.awt = workers.single("desktop-tray");
        this.windowFocused = Objects.requireNonNull(windowFocused, "windowFocused");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /**
     * Puts the icon in the notification area if there is one; blocks (at most a few seconds) until
     * that is known, so call it off the FX thread.
     *
     * @param image          the icon (the app's), scaled to the tray's size
     * @param windowFocused  whether the PayPulse window has the focus now (read on the AWT thread)
     * @param onOpen         called with an alert id when the user clicks its notification
     */
    public static DesktopTray start(Image image, BooleanSupplier windowFocused, Consumer<String> onOpen) {
        return start(image, windowFocused, onOpen, Workers.standard());
    }

    /** Like {@link #start(Image, BooleanSupplier, Consumer)}; the tray's thread comes from {@code workers}. */
    public static DesktopTray start(Image image, BooleanSupplier windowFocused, Consumer<String> onOpen,
                                    Workers workers) {
        DesktopTray tray = new DesktopTray(windowFocused, onOpen, workers);
        tray.call(() -> {
            tray.install(image);
            return null;
        });
        return tray;
    }

    private void install(Image image) {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                note = NO_TRAY;
                LOG.info("Desktop notifications: {}; alerts show in the window's banner only", NO_TRAY);
                return;
            }
            TrayIcon t = new TrayIcon(image, "PayPulse");
            t.setImageAutoSize(true);
            t.addActionListener(e -> {
                String id = lastAlertId;
                if (id != null) {
                    onOpen.accept(id);
                }
            });
            SystemTray.getSystemTray().add(t);
            icon = t;
            LOG.info("Desktop notifications: PayPulse icon added to the system tray");
        } catch (Exception | LinkageError e) {
            // AWTException (tray went away), UnsatisfiedLinkError (no AWT libraries in the runtime), ...
            note = NO_TRAY + " (" + e.getMessage() + ")";
            LOG.warn("Desktop notifications: {}", note);
        }
    }

    public boolean available() {
        return icon != null;
    }

    /** "" while all is well, else one sentence for the Notifications window ("not available: ..."). */
    public String note() {
        return note;
    }

    /**
     * Shows one notification unless the PayPulse window has the focus; never throws.
     *
     * @param alertId   what {@code onOpen} receives when the user clicks it; null for a test message
     * @param severity  the alert's (an error-type notification for CRITICAL); null for information
     */
    public Shown show(String alertId, String title, String text, Severity severity) {
        return show(alertId, title, text, severity, false);
    }

    /** As {@link #show(String, String, String, Severity)}; {@code evenIfFocused} for a test the user asked for. */
    public Shown show(String alertId, String title, String text, Severity severity, boolean evenIfFocused) {
        TrayIcon t = icon;
        if (t == null) {
            return Shown.NO_TRAY;
        }
        try {
            return call(() -> {
                if (!evenIfFocused && windowFocused.getAsBoolean()) {
                    return Shown.WINDOW_FOCUSED;
                }
                lastAlertId = alertId;
                t.displayMessage(title, text, severity == null ? TrayIcon.MessageType.INFO
                        : severity == Severity.CRITICAL ? TrayIcon.MessageType.ERROR : TrayIcon.MessageType.WARNING);
                return Shown.NOTIFIED;
            });
        } catch (RuntimeException e) {
            LOG.warn("Desktop notification not shown: {}", e.getMessage());
            return Shown.FAILED;
        }
    }

    /** For tests: the icon's click, as the desktop delivers it. */
    Optional<TrayIcon> icon() {
        return Optional.ofNullable(icon);
    }

    private <T> T call(Callable<T> task) {
        try {
            return awt.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the system tray", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The system tray did not answer: " + e, e);
        }
    }

    /** Removes the icon; idempotent. */
    @Override
    public void close() {
        TrayIcon t = icon;
        icon = null;
        if (t != null) {
            try {
                awt.submit(() -> SystemTray.getSystemTray().remove(t)).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Removing the tray icon: {}", e.toString());
            }
        }
        awt.shutdown();
    }
}

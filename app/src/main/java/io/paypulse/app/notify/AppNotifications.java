package io.paypulse.app.notify;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.session.Session;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.SendResult;
import io.paypulse.notify.Sender;
import io.paypulse.notify.Senders;
import io.paypulse.notify.SilenceView;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's side of alert delivery, wired once by {@code PayPulseApp}: the desktop tray and its
 * sender, and per connected session the receipts reader ({@link DeliveryLog}) and the notifier of the
 * desktop contact points ({@link DesktopNotifier}; the processor delivers the HTTP ones). Also the
 * Notifications window's view model.
 *
 * <p>Threads: {@link #attach} and {@link #close} run their work on the {@code lifecycle} executor the
 * app passes (its single pipeline thread), so a session's readers close before the session itself
 * when both are queued in that order. Tray start and Send test run on {@code notify-ops}.
 */
public final class AppNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppNotifications.class);

    private final Executor lifecycle;
    private final Workers workers;
    private final ExecutorService ops;
    private final Supplier<PayPulseConfig> idleConfig;
    private final NotificationsViewModel viewModel;
    private final Clock clock;
    private volatile DesktopTray tray;
    private volatile DesktopSender desktop;
    private volatile PayPulseConfig sessionConfig;
    private volatile DeliveryLog log;
    private volatile AutoCloseable notifier;
    private volatile SilenceView silenceView;
    private volatile SilenceSource silences = client -> SilenceView.none();
    private volatile Consumer<String> onOpenAlert = id -> { };
    private volatile boolean closed;

    /**
     * @param idleConfig  the configuration a start would use now (for the rules file while not connected)
     * @param lifecycle   the app's pipeline thread
     * @param fx          the FX thread executor
     */
    public AppNotifications(Supplier<PayPulseConfig> idleConfig, Executor lifecycle, Executor fx, Clock clock,
                            Workers workers) {
        this.workers = workers;
        this.ops = workers.single("notify-ops");
        this.idleConfig = idleConfig;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.viewModel = new NotificationsViewModel(
                () -> ActiveNotifications.of(sessionConfig != null ? sessionConfig : idleConfig.get()),
                this::sender, name -> {
                    DeliveryLog l = log;
                    return l == null ? ReceiptStatus.NONE : l.status(name);
                }, () -> {
                    DesktopSender d = desktop;
                    return d == null ? "" : d.note();
                }, ops, fx, clock);
    }

    /**
     * The app's: the rules file while not connected is the one a start would use, from the launch's
     * environment and overrides and the app's chosen rules file ({@code rulesFile}, "" for the default).
     */
    public static AppNotifications forApp(Map<String, String> env, Map<String, String> overrides,
                                          Supplier<String> rulesFile, Executor lifecycle, Executor fx, Clock clock,
                                          Workers workers) {
        return new AppNotifications(() -> ActiveNotifications.idleConfig(env, overrides, rulesFile.get()), lifecycle,
                fx, clock, workers);
    }

    /** Puts the icon in the notification area (in the background); {@code focused} is read on the AWT thread. */
    public void startTray(BooleanSupplier focused) {
        ops.execute(() -> {
            try {
                DesktopTray t = DesktopTray.start(icon(), focused, id -> onOpenAlert.accept(id), workers);
                tray = t;
                desktop = new DesktopSender(t);
            } catch (RuntimeException | LinkageError e) {
                // A runtime without AWT, or a tray that never answered: the banner still shows alerts.
                LOG.warn("Desktop notifications are off: {}", e.toString());
            }
        });
    }

    /** Called (on the AWT thread) with an alert id when the user clicks its desktop notification. */
    public void onOpenAlert(Consumer<String> action) {
        this.onOpenAlert = action;
    }

    /** The session changed (null: disconnected): stop the old readers, start new ones. FX thread. */
    public void attach(Session session) {
        PayPulseConfig config = session == null ? null : session.config().orElse(null);
        var rules = session == null ? List.<AlertRule>of() : session.rules();
        lifecycle.execute(() -> {
            stopReaders();
            sessionConfig = config;
            if (config == null || closed) { // closed: the app is quitting, a late session gets no readers
                return;
            }
            DeliveryLog l = new DeliveryLog(ClusterClients.base(config, "paypulse-app-receipts"), Topics.NOTIFICATIONS,
                    workers);
            l.start();
            log = l;
            SilenceView view = silences.open(ClusterClients.base(config, "paypulse-app-silences"));
            silenceView = view;
            try {
                notifier = DesktopNotifier.start(config, ActiveNotifications.of(config), rules, view,
                        () -> sender(ActiveNotifications.DESKTOP), clock, workers);
            } catch (RuntimeException e) {
                LOG.warn("Desktop notifications are off for this session: {}", e.getMessage());
            }
        });
    }

    private void stopReaders() {
        AutoCloseable n = notifier;
        notifier = null;
        if (n != null) {
            try {
                n.close();
            } catch (Exception e) {
                LOG.warn("Stopping the desktop notifier: {}", e.toString());
            }
        }
        DeliveryLog l = log;
        log = null;
        if (l != null) {
            l.close();
        }
        SilenceView v = silenceView;
        silenceView = null;
        if (v instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing the silences reader: {}", e.toString());
            }
        }
    }

    /**
     * Where the desktop notifier learns the silences of a cluster (a {@code TopicSilences} reading
     * {@code payment-silences}); closed with the session when it is AutoCloseable. Until set: none.
     */
    public void silences(SilenceSource source) {
        this.silences = source;
    }

    /** Opens the silences of the cluster with these client properties. */
    @FunctionalInterface
    public interface SilenceSource {
        SilenceView open(Map<String, Object> client);
    }

    /** Short text per alert id for the feed's "Delivered" column: "desktop ✓ · on-call ✓". */
    public Function<String, String> deliveredTo() {
        return id -> {
            DeliveryLog l = log;
            return l == null ? "" : l.deliveredTo().apply(id);
        };
    }

    public NotificationsViewModel viewModel() {
        return viewModel;
    }

    /** The desktop sender once the tray was looked for, else null. */
    DesktopSender desktop() {
        return desktop;
    }

    /** Desktop contact points get the tray's sender; the others their HTTP sender (for Send test). */
    private Sender sender(ContactPoint cp) {
        if (cp.kind() != ContactPoint.Kind.DESKTOP) {
            return Senders.forContactPoint(cp);
        }
        DesktopSender d = desktop;
        return d != null ? d : m -> SendResult.retry(0, "The desktop tray is still starting.");
    }

    private static Image icon() {
        try (InputStream in = AppNotifications.class.getResourceAsStream("/io/paypulse/app/help/paypulse.png")) {
            Image image = in == null ? null : ImageIO.read(in);
            return image != null ? image : new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        } catch (IOException e) {
            return new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        }
    }

    /** Stops the readers (on the lifecycle thread, before a session close queued after it) and the tray. */
    @Override
    public void close() {
        closed = true;
        lifecycle.execute(this::stopReaders);
        ops.execute(() -> {
            DesktopTray t = tray;
            if (t != null) {
                t.close();
            }
        });
        ops.shutdown();
    }
}

package io.paypulse.app;

import io.paypulse.app.alerts.AlertMarksStore;
import io.paypulse.app.alerts.AlertsController;
import io.paypulse.app.alerts.AlertsViewModel;
import io.paypulse.app.events.EventsRequest;
import io.paypulse.app.events.EventsWindows;
import io.paypulse.app.alerts.SessionSilences;
import io.paypulse.app.connection.ConnectionViewModel;
import io.paypulse.app.connection.ProfilesViewModel;
import io.paypulse.app.connection.RequestBuilder;
import io.paypulse.app.dashboard.DashboardController;
import io.paypulse.app.dashboard.DashboardViewModel;
import io.paypulse.app.dlq.DlqClients;
import io.paypulse.app.dlq.DlqController;
import io.paypulse.app.dlq.DlqViewModel;
import io.paypulse.app.fx.FxThread;
import io.paypulse.app.help.HelpController;
import io.paypulse.app.lag.LagHistoryStore;
import io.paypulse.app.lag.LagPanelController;
import io.paypulse.app.lag.LagViewModel;
import io.paypulse.app.notify.AppNotifications;
import io.paypulse.app.notify.NotificationsController;
import io.paypulse.app.notify.ProcessorSilences;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.PipelineSession;
import io.paypulse.app.session.Session;
import io.paypulse.app.settings.AppTheme;
import io.paypulse.app.settings.SettingsStore;
import io.paypulse.app.settings.SettingsViewModel;
import io.paypulse.app.settings.WindowPlacement;
import io.paypulse.app.stack.StackController;
import io.paypulse.app.stack.StackViewModel;
import io.paypulse.app.startup.AppDirs;
import io.paypulse.stack.ComposeStack;
import io.paypulse.stack.PayPulseStack;
import io.paypulse.threads.Workers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: creates the executors, view models and views, connects them and shows the
 * window. The parts live beside it: {@link MainWindow} (frame), {@link LiveTicks} (tick loops),
 * {@link AppShutdown} (every way out), {@link ErrorDialog}, {@link FirstStart}, and the settings in
 * {@link io.paypulse.app.settings.SettingsViewModel}. Start through {@link Launcher}.
 *
 * <p>Threads: the FX thread only renders. {@code pipeline-ops} (one thread) starts and stops
 * sessions; {@code ui-tick} snapshots {@link io.paypulse.app.feed.LiveData} and hands it to the FX
 * thread in one runLater; the session owns its consumer and probe threads.
 */
public class PayPulseApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(PayPulseApp.class);

    private final AppOptions presetOptions;
    /** The composition root's source of threads ({@link #workers()}): every executor and thread of the app. */
    private Workers workers;
    private AppOptions options;
    private SettingsViewModel settings;
    private ExecutorService background;
    private ExecutorService settingsWriter;
    private ScheduledExecutorService tickThread;
    private LiveTicks ticks;
    private ConnectionViewModel connection;
    private ProfilesViewModel profiles;
    private DashboardViewModel dashboard;
    private LagViewModel lag;
    private AlertsViewModel alerts;
    private SessionSilences alertSessions;
    private ComposeStack stack;
    private ExecutorService stackOps;
    private StackViewModel stackView;
    private volatile Session current;
    private AppNotifications notify;
    private EventsWindows events;
    private NotificationsController notificationsWindow;
    private Stage stage;
    private AppDirs dirs;
    private AppShutdown shutdown;

    public PayPulseApp() {
        this(null);
    }

    /** For tests: options given directly instead of parsed from the command line. */
    public PayPulseApp(AppOptions options) {
        this.presetOptions = options;
    }

    @Override
    public void start(Stage primary) throws IOException {
        this.stage = primary;
        options = presetOptions != null ? presetOptions
                : AppOptions.parse(getParameters().getRaw(), System.getenv());
        ErrorDialog.install();
        Clock clock = clock();
        workers = workers();
        background = workers.single("pipeline-ops");
        settingsWriter = workers.single("settings-writer");
        settings = new SettingsViewModel(new SettingsStore(options.settingsFile()), settingsWriter);
        tickThread = workers.scheduled("ui-tick");
        dirs = AppDirs.resolve(options.env(), options.overrides(), options.settingsFile());
        background.execute(() -> FirstStart.run(dirs, options.env())); // before any queued Start: same single thread

        RequestBuilder requests = new RequestBuilder(options.env(), options.overrides());
        dashboard = new DashboardViewModel(clock);
        lag = new LagViewModel(dirs.dataDir().resolve(LagHistoryStore.FILE), clock, tickThread, FxThread.INSTANCE);
        dashboard.rateProperty().set(settings.current().rate());
        // The Docker stack: compose file and project from the environment (PAYPULSE_COMPOSE_FILE,
        // PAYPULSE_STACK_PROJECT), else docker-compose.yml here or above and project "paypulse".
        stack = new ComposeStack(
                PayPulseStack.settings(options.env(), Path.of("").toAbsolutePath()), Clock.systemUTC(), workers);
        stackOps = workers.single("stack-ops");
        stackView = new StackViewModel(stack, stackOps, FxThread.INSTANCE, clock);
        connection = new ConnectionViewModel(PipelineSession.factory(clock, stack, workers),
                (mode, servers, file, props) -> requests.build(mode, servers, file, props,
                        dashboard.rateProperty().get(), settings.rulesFile()),
                background, FxThread.INSTANCE, clock);
        shutdown = new AppShutdown(connection, workers);
        profiles = new ProfilesViewModel(connection, settings.current().profiles(),
                settings.current().activeProfile());
        AlertMarksStore marks = AlertMarksStore.besideSettings(options.settingsFile());
        alerts = new AlertsViewModel(clock, background, FxThread.INSTANCE, marks.load(), marks::save);
        alertSessions = new SessionSilences(alerts, clock, background, FxThread.INSTANCE, workers);

        // Alert delivery: the tray, the desktop notifier and the receipts reader follow the session.
        notify = AppNotifications.forApp(options.env(), options.overrides(), () -> settings.rulesFile(), background,
                FxThread.INSTANCE, clock, workers);
        notificationsWindow = new NotificationsController(notify.viewModel());
        alerts.setDeliveredTo(notify.deliveredTo()); // the feed's "Delivered" column
        // The desktop notifier honours the same silences as the processors (payment-silences).
        notify.silences(new ProcessorSilences(workers));
        // Dead letters tab (issue 13 §3): reads and re-drives on its own thread, clients from the session's config.
        ExecutorService dlqOps = workers.single("dlq-ops");
        DlqViewModel deadLetters = new DlqViewModel(dlqOps, FxThread.INSTANCE, clock);
        connection.sessionProperty().addListener((obs, old, s) -> {
            current = s;
            deadLetters.attach(s == null ? null : s.config().map(DlqClients::of).orElse(null));
            notify.attach(s);
            dashboard.attach(s);
            alertSessions.attach(s);
            if (s != null && connection.modeProperty().get() == ConnectionMode.DOCKER) {
                stackView.activate(); // the stack just started: show its containers
            }
        });

        MainController main = new MainController(connection, profiles, alerts, settings);
        DashboardController dash = new DashboardController(dashboard);
        AlertsController alertView = new AlertsController(alerts);
        // Events windows (issue 13): from an alert row (and, via events(), a chart point) to its raw events.
        events = new EventsWindows(() -> current == null ? Optional.empty() : current.config(),
                () -> stage, () -> stage.getScene() == null ? List.of() : stage.getScene().getStylesheets(), workers);
        alertView.setOnShowEvents(alert -> events.open(EventsRequest.forAlert(alert)));
        dash.setOnMinuteOpened((series, minute) -> events.open(EventsRequest.forChartPoint(series, minute)));
        StackController stackPanel = new StackController(stackView, url -> getHostServices().showDocument(url));
        HelpController help = new HelpController(() -> dirs, background, FxThread.INSTANCE);
        Map<Class<?>, Object> controllers = Map.of(MainController.class, main, DashboardController.class, dash,
                AlertsController.class, alertView, StackController.class, stackPanel, HelpController.class, help,
                LagPanelController.class, new LagPanelController(lag),
                DlqController.class, new DlqController(deadLetters, clock.getZone()));
        Parent root = MainWindow.load(controllers);
        main.onStackTabShown(stackView::activate);
        main.setOnQuit(shutdown::exit);
        main.setOnNotifications(() -> notificationsWindow.show(stage, stage.getScene().getStylesheets()));

        AppTheme.follow(settings.darkProperty());
        MainWindow.dress(primary, root, settings.current());
        AtomicBoolean focused = new AtomicBoolean();
        primary.focusedProperty().addListener((o, a, now) -> focused.set(now));
        notify.startTray(focused::get);
        // A click on a desktop notification: the window comes up on the Alerts tab.
        notify.onOpenAlert(alertId -> FxThread.run(() -> {
            MainWindow.raise(primary);
            main.showAlert(alertId);
            alertView.reveal(alertId); // and on that alert's row
        }));
        primary.setOnCloseRequest(e -> {
            e.consume();
            shutdown.exit();
        });

        ticks = new LiveTicks(tickThread, tickExecutor(), () -> current, dashboard, alerts, main, lag, stackView);

        // Each save takes the profiles, the rate and the window as they are; connection choices save as they change.
        settings.collect(s -> s.withProfiles(profiles.profiles(), profiles.activeProperty().get())
                .withRate(dashboard.rateProperty().get()));
        settings.collect(s -> WindowPlacement.remember(primary, s));
        settings.saveWhenChanged(profiles.revisionProperty(), dashboard.rateProperty());

        shutdown.closeFirst(primary, settings::save, settingsWriter, ticks::closeFeed, ticks::closeLag,
                () -> FxThread.run(events::close), this::closeStack, notify::close,
                alertSessions::close); // queued on pipeline-ops before the pipeline stops
        // pipeline-ops last: the pipeline's stop runs on it, and what closeFirst queued there runs before.
        shutdown.endAfterPipeline(tickThread, dlqOps, background);
        primary.show();
        LOG.info("Window open ({} x {}), mode {}", (int) primary.getWidth(), (int) primary.getHeight(),
                connection.modeProperty().get());
        if (presetOptions == null) {
            shutdown.exitOnSignals();
        }
        if (options.autostart()) {
            connection.start();
        }
    }

    /** The app's clock. A hook for tests that move time by hand (the alert banner over minutes). */
    protected Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** Where every thread of the app comes from. A hook for tests that check each has ended after shutdown. */
    protected Workers workers() {
        return Workers.standard();
    }

    /** Where the ticker runs its render task: the FX thread. A hook for the UI benchmark (timing). */
    protected Executor tickExecutor() {
        return FxThread.INSTANCE;
    }

    /** The running session, or null. For the UI benchmark (generator and pipeline counters). */
    protected Session currentSession() {
        return current;
    }

    /** Events windows: {@code events().open(EventsRequest.forMinute(series, minute))} for a chart point. FX thread. */
    public EventsWindows events() {
        return events;
    }

    /** The app's alert delivery (for the feed's "Delivered" column: {@code deliveredTo()}). */
    public AppNotifications notifications() {
        return notify;
    }

    /** For tests: runs the same shutdown as closing the window, without exiting the FX toolkit. */
    public CompletableFuture<Void> shutdownForTest() {
        return shutdown.closeForTest();
    }

    /** Ends the Stack tab's Docker streams and client; the stack's containers keep running. */
    private void closeStack() {
        ticks.closeStackLogs();
        stackView.close();
        stackOps.execute(stack::close);
        stackOps.shutdown();
    }

    @Override
    public void stop() {
        if (shutdown != null) {
            shutdown.stopFromToolkit();
        }
    }
}

package io.paypulse.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
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
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.dlq.DlqClients;
import io.paypulse.app.dlq.DlqController;
import io.paypulse.app.dlq.DlqViewModel;
import io.paypulse.app.fx.FxThread;
import io.paypulse.app.fx.Threads;
import io.paypulse.app.fx.Ticker;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.PipelineSession;
import io.paypulse.app.session.Session;
import io.paypulse.app.startup.AppDirs;
import io.paypulse.app.help.HelpController;
import io.paypulse.app.startup.FirstRun;
import io.paypulse.app.lag.LagFrame;
import io.paypulse.app.lag.LagHistoryStore;
import io.paypulse.app.lag.LagPanelController;
import io.paypulse.app.lag.LagViewModel;
import io.paypulse.app.notify.AppNotifications;
import io.paypulse.app.notify.NotificationsController;
import io.paypulse.app.settings.AppSettings;
import io.paypulse.app.settings.SettingsStore;
import io.paypulse.app.stack.StackController;
import io.paypulse.app.stack.StackViewModel;
import io.paypulse.app.startup.LogFile;
import io.paypulse.notify.TopicSilences;
import io.paypulse.stack.ComposeStack;
import io.paypulse.stack.PayPulseStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that wires the app: executors, view models, views, the 250 ms ticker, settings
 * and shutdown. Start through {@link Launcher}.
 *
 * <p>Threads: the FX thread only renders. {@code pipeline-ops} (one thread) starts and stops
 * sessions; {@code ui-tick} snapshots {@link io.paypulse.app.feed.LiveData} and hands it to the FX
 * thread in one runLater; the session owns its consumer and probe threads.
 */
public class PayPulseApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(PayPulseApp.class);
    static final Duration TICK = Duration.ofMillis(250);

    private final AppOptions presetOptions;
    private AppOptions options;
    private SettingsStore store;
    private volatile AppSettings settings;
    private ExecutorService background;
    private ExecutorService settingsWriter;
    private ScheduledExecutorService tickThread;
    private Ticker<FeedSnapshot> ticker;
    private ConnectionViewModel connection;
    private ProfilesViewModel profiles;
    private DashboardViewModel dashboard;
    private LagViewModel lag;
    private Ticker<LagFrame> lagTicker;
    private AlertsViewModel alerts;
    private SessionSilences alertSessions;
    private ComposeStack stack;
    private ExecutorService stackOps;
    private StackViewModel stackView;
    private Ticker<String> stackTicker;
    private volatile Session current;
    private AppNotifications notify;
    private EventsWindows events;
    private NotificationsController notificationsWindow;
    private Stage stage;
    private AppDirs dirs;
    private final AtomicBoolean exiting = new AtomicBoolean();

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
        installErrorHandler();
        Clock clock = clock();
        store = new SettingsStore(options.settingsFile());
        settings = store.load();
        background = Executors.newSingleThreadExecutor(Threads.daemon("pipeline-ops"));
        settingsWriter = Executors.newSingleThreadExecutor(Threads.daemon("settings-writer"));
        tickThread = Executors.newSingleThreadScheduledExecutor(Threads.daemon("ui-tick"));
        dirs = AppDirs.resolve(options.env(), options.overrides(), options.settingsFile());
        background.execute(this::firstRun); // before any queued Start: same single thread

        RequestBuilder requests = new RequestBuilder(options.env(), options.overrides());
        dashboard = new DashboardViewModel(clock);
        lag = new LagViewModel(dirs.dataDir().resolve(LagHistoryStore.FILE), clock, tickThread, FxThread.INSTANCE);
        dashboard.rateProperty().set(settings.rate());
        // The Docker stack: compose file and project from the environment (PAYPULSE_COMPOSE_FILE,
        // PAYPULSE_STACK_PROJECT), else docker-compose.yml here or above and project "paypulse".
        stack = new ComposeStack(
                PayPulseStack.settings(options.env(), Path.of("").toAbsolutePath()));
        stackOps = Executors.newSingleThreadExecutor(Threads.daemon("stack-ops"));
        stackView = new StackViewModel(stack, stackOps, FxThread.INSTANCE, clock);
        connection = new ConnectionViewModel(PipelineSession.factory(clock, stack),
                (mode, servers, file, props) -> requests.build(mode, servers, file, props,
                        dashboard.rateProperty().get(), settings.rulesFile()),
                background, FxThread.INSTANCE, clock);
        profiles = new ProfilesViewModel(connection, settings.profiles(), settings.activeProfile());
        AlertMarksStore marks = AlertMarksStore.besideSettings(options.settingsFile());
        alerts = new AlertsViewModel(clock, background, FxThread.INSTANCE, marks.load(), marks::save);
        alertSessions = new SessionSilences(alerts, clock, background, FxThread.INSTANCE);

        // Alert delivery: the tray, the desktop notifier and the receipts reader follow the session.
        notify = AppNotifications.forApp(options.env(), options.overrides(), () -> settings.rulesFile(), background,
                FxThread.INSTANCE, clock);
        notificationsWindow = new NotificationsController(notify.viewModel());
        alerts.setDeliveredTo(notify.deliveredTo()); // the feed's "Delivered" column
        // The desktop notifier honours the same silences as the processors (payment-silences).
        notify.silences(client -> {
            Properties p = new Properties();
            p.putAll(client);
            TopicSilences view = new TopicSilences().start(p);
            try {
                view.awaitLoaded(Duration.ofSeconds(15)); // known before the notifier delivers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return view;
        });
        // Dead letters tab (issue 13 §3): reads and re-drives on its own thread, clients from the session's config.
        DlqViewModel deadLetters = new DlqViewModel(Executors.newSingleThreadExecutor(Threads.daemon("dlq-ops")),
                FxThread.INSTANCE, clock);
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

        MainController main = new MainController(connection, profiles, alerts, this);
        DashboardController dash = new DashboardController(dashboard);
        AlertsController alertView = new AlertsController(alerts);
        // Events windows (issue 13): from an alert row (and, via events(), a chart point) to its raw events.
        events = new EventsWindows(() -> current == null ? Optional.empty() : current.config(),
                () -> stage, () -> stage.getScene() == null ? List.of() : stage.getScene().getStylesheets());
        alertView.setOnShowEvents(alert -> events.open(EventsRequest.forAlert(alert)));
        dash.setOnMinuteOpened((series, minute) -> events.open(EventsRequest.forChartPoint(series, minute)));
        StackController stackPanel = new StackController(stackView, url -> getHostServices().showDocument(url));
        HelpController help = new HelpController(() -> dirs, background, FxThread.INSTANCE);
        Map<Class<?>, Object> controllers = Map.of(MainController.class, main, DashboardController.class, dash,
                AlertsController.class, alertView, StackController.class, stackPanel, HelpController.class, help,
                LagPanelController.class, new LagPanelController(lag),
                DlqController.class, new DlqController(deadLetters, clock.getZone()));
        FXMLLoader loader = new FXMLLoader(PayPulseApp.class.getResource("main.fxml"));
        loader.setControllerFactory(type -> {
            Object c = controllers.get(type);
            if (c == null) {
                throw new IllegalStateException("No controller for " + type);
            }
            return c;
        });
        Parent root = loader.load();
        main.onStackTabShown(stackView::activate);

        applyTheme(settings.dark());
        Scene scene = new Scene(root, settings.width(), settings.height());
        scene.getStylesheets().add(PayPulseApp.class.getResource("app.css").toExternalForm());
        primary.setScene(scene);
        primary.setTitle("PayPulse");
        primary.getIcons().add(new Image(
                HelpController.class.getResource("paypulse.png").toExternalForm()));
        primary.setMinWidth(960);
        primary.setMinHeight(640);
        placeWindow(primary);
        AtomicBoolean focused = new AtomicBoolean();
        primary.focusedProperty().addListener((o, a, now) -> focused.set(now));
        notify.startTray(focused::get);
        // A click on a desktop notification: the window comes up on the Alerts tab.
        notify.onOpenAlert(alertId -> FxThread.run(() -> {
            primary.setIconified(false);
            primary.show();
            primary.toFront();
            main.showAlert(alertId);
            alertView.reveal(alertId); // and on that alert's row
        }));
        primary.setOnCloseRequest(e -> {
            e.consume();
            exit();
        });

        ticker = new Ticker<>(tickThread, tickExecutor(), TICK, () -> {
            Session s = current;
            return s == null ? null : s.data().snapshot();
        }, snap -> {
            if (snap != null) {
                dashboard.render(snap);
                alerts.render(snap.alerts());
                main.feedStatus(snap.feedError());
            }
        });

        // Lag history: sampled, stored and cut to the chosen range on the tick thread; shown on the FX thread.
        lagTicker = new Ticker<>(tickThread, FxThread.INSTANCE, Duration.ofSeconds(1), () -> {
            Session s = current;
            return lag.prepare(s == null ? null : s.data().snapshot().probe().lag());
        }, lag::show);

        // Container log lines and uptimes: snapshot on the tick thread, one render on the FX thread.
        stackTicker = new Ticker<>(tickThread, FxThread.INSTANCE, Duration.ofMillis(500), stackView::logSnapshot,
                stackView::render);

        // Persist connection choices as they change.
        profiles.revisionProperty().addListener((o, a, b) -> saveSettings());
        dashboard.rateProperty().addListener((o, a, b) -> saveSettings());

        primary.show();
        LOG.info("Window open ({} x {}), mode {}", (int) primary.getWidth(), (int) primary.getHeight(),
                connection.modeProperty().get());
        if (presetOptions == null) {
            exitOnSignals();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnJvmExit, "paypulse-shutdown"));
        }
        if (options.autostart()) {
            connection.start();
        }
    }

    /** First start: data and config directories, commented config, rules copy; the log file. */
    private void firstRun() {
        if (LogFile.attach(dirs.logDir())) {
            LOG.info("PayPulse {} logging to {}", getClass().getPackage().getImplementationVersion(), dirs.logFile());
        }
        try {
            for (var created : FirstRun.ensure(dirs, options.env())) {
                LOG.info("First run: created {}", created);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not create the PayPulse folders or default files: {}", e.toString());
        }
    }

    /**
     * SIGTERM (kill, logout, a service manager), SIGINT (Ctrl-C) and SIGHUP take the same path as closing
     * the window: {@link #exit()} stops the pipeline in order, then the JVM ends normally (exit code 0).
     * Left to the JVM, a signal runs the shutdown hooks at once, and JavaFX's own hook disposes the
     * renderer while the FX thread still paints (a RejectedExecutionException trace, seen in test-deb.sh).
     */
    private void exitOnSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    LOG.info("SIG{} received: stopping", sig.getName());
                    FxThread.run(this::exit);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal {} not handled here: {}", name, e.getMessage()); // e.g. no SIGHUP on Windows
            }
        }
    }

    /** Fallback for a JVM exit that did not go through {@link #exit()}: close the session, bounded. */
    private void stopOnJvmExit() {
        if (exiting.get()) {
            return; // exit() closed everything before the JVM ended
        }
        try {
            connection.shutdown().get(60, TimeUnit.SECONDS);
            LOG.info("PayPulse stopped at JVM shutdown");
        } catch (Exception e) {
            LOG.warn("Stopping on JVM shutdown did not finish cleanly: {}", e.toString());
        }
    }

    /** The app's clock. A hook for tests that move time by hand (the alert banner over minutes). */
    protected Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** Where the ticker runs its render task: the FX thread. A hook for the UI benchmark (timing). */
    protected Executor tickExecutor() {
        return FxThread.INSTANCE;
    }

    /** The running session, or null. For the UI benchmark (generator and pipeline counters). */
    protected Session currentSession() {
        return current;
    }

    private void placeWindow(Stage s) {
        double x = settings.x();
        double y = settings.y();
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty();
        if (onScreen) {
            s.setX(x);
            s.setY(y);
        } else {
            s.centerOnScreen();
        }
        s.setMaximized(settings.maximized());
    }

    boolean darkTheme() {
        return settings.dark();
    }

    void setDarkTheme(boolean dark) {
        applyTheme(dark);
        settings = settings.withTheme(dark ? "dark" : "light");
        saveSettings();
    }

    /** ⚙ ▸ Notifications…: the contact points window. */
    void showNotifications() {
        notificationsWindow.show(stage, stage.getScene().getStylesheets());
    }

    /** Events windows: {@code events().open(EventsRequest.forMinute(series, minute))} for a chart point. FX thread. */
    public EventsWindows events() {
        return events;
    }

    /** The app's alert delivery (for the feed's "Delivered" column: {@code deliveredTo()}). */
    public AppNotifications notifications() {
        return notify;
    }

    String rulesFile() {
        return settings.rulesFile();
    }

    void setRulesFile(String file) {
        settings = settings.withRulesFile(file == null ? "" : file);
        saveSettings();
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Collects the current choices and writes them off the FX thread. */
    private void saveSettings() {
        AppSettings s = settings.withProfiles(profiles.profiles(), profiles.activeProperty().get())
                .withRate(dashboard.rateProperty().get());
        if (stage != null && stage.isShowing() && !stage.isIconified()) {
            if (stage.isMaximized()) {
                s = s.withWindow(s.x(), s.y(), s.width(), s.height(), true);
            } else {
                s = s.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
        }
        settings = s;
        AppSettings toWrite = s;
        settingsWriter.execute(() -> store.save(toWrite));
    }

    /** Window close or the Quit action: stop everything in the background, then leave. */
    void exit() {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        saveSettings();
        ticker.close();
        closeLag();
        events.close();
        closeStack();
        notify.close();
        alertSessions.close(); // queued on pipeline-ops before the pipeline stops
        connection.stop();
        stage.setTitle("PayPulse — stopping…");
        long t0 = System.nanoTime();
        connection.shutdown().whenComplete((v, e) -> {
            LOG.info("PayPulse stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            settingsWriter.shutdown();
            try {
                settingsWriter.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            Platform.runLater(() -> {
                stage.hide();
                Platform.exit();
            });
        });
    }

    /** For tests: runs the same shutdown as closing the window, without exiting the FX toolkit. */
    public CompletableFuture<Void> shutdownForTest() {
        ticker.close();
        closeLag();
        FxThread.run(events::close);
        closeStack();
        notify.close();
        alertSessions.close();
        return connection.shutdown();
    }

    /** Stops lag sampling; the history file is closed on the tick thread, after any update in progress. */
    private void closeLag() {
        lagTicker.close();
        tickThread.execute(lag::close);
    }

    /** Ends the Stack tab's Docker streams and client; the stack's containers keep running. */
    private void closeStack() {
        stackTicker.close();
        stackView.close();
        stackOps.execute(stack::close);
        stackOps.shutdown();
    }

    @Override
    public void stop() {
        // Reached after Platform.exit(); if the window was not closed through exit(), close here.
        if (connection != null && !exiting.get()) {
            try {
                connection.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
            }
        }
    }

    private void installErrorHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("Uncaught exception on thread {}", thread.getName(), e);
            FxThread.run(() -> showErrorDialog(e));
        });
    }

    static void showErrorDialog(Throwable e) {
        Alert dialog = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        dialog.setTitle("PayPulse — unexpected error");
        dialog.setHeaderText(e.getMessage() == null ? "Something went wrong (" + e.getClass().getSimpleName() + ")."
                : e.getMessage());
        dialog.setContentText("PayPulse keeps running. The details below are also in the log.");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        TextArea text = new TextArea(trace.toString());
        text.setEditable(false);
        text.setPrefRowCount(12);
        dialog.getDialogPane().setExpandableContent(text);
        dialog.show();
    }
}

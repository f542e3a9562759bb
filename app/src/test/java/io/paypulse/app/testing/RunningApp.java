package io.paypulse.app.testing;

import static org.awaitility.Awaitility.await;

import io.paypulse.app.AppOptions;
import io.paypulse.app.PayPulseApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.threads.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app of a journey test on TestFX's primary stage (headless Monocle), as a JUnit extension:
 * register it with {@code @RegisterExtension final RunningApp app = new RunningApp();}. Before each test
 * it registers the primary stage; after each it shuts down whatever app the test launched and lets TestFX
 * clean up, so a failing test leaves no app behind for the next.
 *
 * <p>{@link #in(Path)} launches with the config home ({@code XDG_CONFIG_HOME}) at {@code dir/config} and
 * the data folder at {@code dir/data}, as a user's machine would have them.
 */
public final class RunningApp implements BeforeEachCallback, AfterEachCallback {

    private static final Duration SHUTDOWN = Duration.ofSeconds(60);

    private final FxRobot robot = new FxRobot();
    private PayPulseApp app;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeOtherWindows();
        close();
    }

    /** Closes the windows the test opened besides the app's own (dialogs, Events windows): later lookups would find them. */
    private void closeOtherWindows() {
        Stage main = FxToolkit.toolkitContext().getRegisteredStage();
        robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage && w != main && w.isShowing())
                .forEach(w -> robot.interact(() -> ((Stage) w).close()));
    }

    /** How the next app starts, below {@code dir}. */
    public Launch in(Path dir) {
        return new Launch(dir);
    }

    public FxRobot robot() {
        return robot;
    }

    /** The app launched last (null when none runs). */
    public PayPulseApp app() {
        return app;
    }

    /** Shuts the app down as its window's close would, and waits for it; nothing when none runs. */
    public void close() throws Exception {
        if (app != null) {
            PayPulseApp closing = app;
            app = null;
            closing.shutdownForTest().get(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
            FxToolkit.cleanupApplication(closing);
        }
    }

    /**
     * Presses Start and waits until the progress line says Running. When it does not, the failure says the
     * last progress text and where the app's threads were (a CI run once saw no progress for 60 s).
     */
    public void startAndAwaitRunning(Duration atMost) {
        robot.clickOn(inMainWindow("#startButton"));
        try {
            await("running").atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> text("#progressLabel"), t -> t.startsWith("Running"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + threads("pipeline-ops", "JavaFX Application Thread"), e);
        }
    }

    /**
     * The node in the app's own window (TestFX's primary stage): a lookup across all windows takes the
     * first match, and a window another part of the suite left behind can hold the same id.
     */
    public Node inMainWindow(String query) {
        return robot.from(FxToolkit.toolkitContext().getRegisteredStage().getScene().getRoot()).lookup(query).query();
    }

    /**
     * A double-click on {@code node} as the window delivers it (press, release, click with count 1, then
     * with count 2), in one go on the FX thread. The robot's own double-click is two clicks that Monocle
     * counts as one double-click only when they arrive within its fixed 500 ms; on a loaded 2-core machine
     * they often do not (seen: two clicks of count 1), so a test of what a double-click does would fail
     * for the machine's load, not for the app.
     */
    public void doubleClick(Node node) {
        robot.interact(() -> {
            Bounds b = node.getLayoutBounds();
            double x = b.getMinX() + b.getWidth() / 2;
            double y = b.getMinY() + b.getHeight() / 2;
            Point2D screen = node.localToScreen(x, y);
            for (int count = 1; count <= 2; count++) {
                for (EventType<MouseEvent> type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED,
                        MouseEvent.MOUSE_CLICKED)) {
                    boolean down = type == MouseEvent.MOUSE_PRESSED;
                    Event.fireEvent(node, new MouseEvent(type, x, y, screen.getX(), screen.getY(),
                            MouseButton.PRIMARY, count, false, false, false, false, down, false, false, true,
                            false, type == MouseEvent.MOUSE_CLICKED, null));
                }
            }
        });
    }

    /** The text of the label {@code query} in the app's window ("" for none). */
    public String text(String query) {
        Node n = inMainWindow(query);
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }

    public boolean visible(String query) {
        Node n = inMainWindow(query);
        return onFx(n::isVisible);
    }

    /** {@code c} run on the FX thread, its result (10 s at most). */
    public static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String threads(String... names) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (Arrays.asList(names).contains(t.getName())) {
                out.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement f : stack) {
                    out.append("    at ").append(f).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** The choices of one launch; {@link #launch()} starts the app with them. */
    public final class Launch {
        private final Path dir;
        private final Map<String, String> overrides = new HashMap<>();
        private final Map<String, String> env = new HashMap<>(System.getenv());
        private Path settings;
        private String settingsJson;
        private Clock clock;
        private Workers workers;

        private Launch(Path dir) {
            this.dir = dir;
            this.settings = dir.resolve("app.json");
            overrides.put(ConfigKeys.DATA_DIR, dir.resolve("data").toString());
        }

        /** The app's settings file (default {@code dir/app.json}). */
        public Launch settings(Path file) {
            this.settings = file;
            return this;
        }

        /** Writes {@code json} to the settings file before the launch. */
        public Launch settings(String json) {
            this.settingsJson = json;
            return this;
        }

        /** A setting as a command-line {@code --set} gives it (e.g. {@link ConfigKeys#BROKER_PORT}). */
        public Launch set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** An environment variable as the app sees it (on top of this JVM's environment). */
        public Launch env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The app's clock instead of the system's. */
        public Launch clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Where the app's threads come from (e.g. a RecordingWorkers) instead of the standard ones. */
        public Launch workers(Workers w) {
            this.workers = w;
            return this;
        }

        /** Starts the app on the registered primary stage and drains the FX events its start posted. */
        public PayPulseApp launch() throws Exception {
            if (settingsJson != null) {
                Files.createDirectories(settings.toAbsolutePath().getParent());
                Files.writeString(settings, settingsJson);
            }
            env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
            AppOptions options = new AppOptions(settings, Map.copyOf(overrides), false, Map.copyOf(env));
            Clock appClock = clock;
            Workers appWorkers = workers;
            app = (PayPulseApp) FxToolkit.setupApplication(() -> new PayPulseApp(options) {
                @Override
                protected Clock clock() {
                    return appClock == null ? super.clock() : appClock;
                }

                @Override
                protected Workers workers() {
                    return appWorkers == null ? super.workers() : appWorkers;
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            return app;
        }
    }
}

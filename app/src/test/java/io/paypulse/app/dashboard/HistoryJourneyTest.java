package io.paypulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.app.MutableClock;
import io.paypulse.app.PayPulseApp;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.app.feed.ProbeSample;
import io.paypulse.app.lag.LagPanelController;
import io.paypulse.app.lag.LagViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard on a real (headless) window with a week of minutes: range buttons, wheel zoom, drag pan,
 * keyboard shortcuts and Live move the x axis as a user sees it; a double-click on a point reaches the
 * listener with that series and minute.
 */
class HistoryJourneyTest {

    private static final int WEEK = 7 * 24 * 60;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30));
    private final DashboardViewModel vm = new DashboardViewModel(clock);
    private final AtomicReference<String> opened = new AtomicReference<>();
    private Stage stage;

    @TempDir
    Path lagDir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
    }

    @BeforeEach
    void show() throws Exception {
        DashboardController controller = new DashboardController(vm);
        controller.setOnMinuteOpened((series, minute) -> opened.set(series + " " + minute));
        stage = FxToolkit.setupStage(s -> {
            try {
                FXMLLoader loader = new FXMLLoader(DashboardController.class.getResource("dashboard.fxml"));
                // The dashboard includes the lag panel: give it its controller, with history in a temp file.
                var lag = new LagPanelController(new LagViewModel(
                        lagDir.resolve("lag-history.csv"), clock, Runnable::run, Runnable::run));
                loader.setControllerFactory(t -> t == LagPanelController.class ? lag : controller);
                Parent root = loader.load();
                Scene scene = new Scene(root, 1280, 800);
                scene.getStylesheets().add(PayPulseApp.class.getResource("app.css").toExternalForm());
                s.setScene(scene);
                s.show();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        render();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** A week of minutes up to the open one: 100 successful and 10 failed payments each, 60 failed at 12:00 two days ago. */
    private void render() {
        Instant open = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<MinutePoint> week = new ArrayList<>();
        for (int i = WEEK - 1; i >= 0; i--) {
            Instant start = open.minus(Duration.ofMinutes(i));
            week.add(new MinutePoint(start, 100, i == 2 * 24 * 60 ? 60 : 10, 5, 1, 11_000, i > 0));
        }
        robot.interact(() -> vm.render(new FeedSnapshot(clock.instant(), week, List.of(), 1, 0, ProbeSample.NONE, 1, null)));
    }

    private double[] bounds() throws Exception {
        return onFx(() -> {
            TimeAxis x = robot.lookup("#paymentsChart").queryAs(LineChart.class).getXAxis() instanceof TimeAxis t ? t : null;
            return new double[] {x.getLowerBound(), x.getUpperBound()};
        });
    }

    private double end() {
        return Math.floor(clock.instant().getEpochSecond() / 60.0) + 1;
    }

    @Test
    void rangeButtonsWheelDragKeysAndLiveMoveTheTimeAxis() throws Exception {
        assertThat(bounds()).containsExactly(end() - 60, end());

        robot.clickOn("#range7d");
        assertThat(bounds()).containsExactly(end() - WEEK, end());
        assertChartShowsTheFrame();
        assertThat(robot.lookup("#rangeLabel").queryLabeled().getText()).endsWith("· live");
        robot.clickOn("#range15m");
        assertThat(bounds()).containsExactly(end() - 15, end());

        robot.clickOn("#range6h");
        robot.moveTo("#paymentsChart").scroll(2, VerticalDirection.UP);
        double[] zoomed = bounds();
        double span = zoomed[1] - zoomed[0];
        assertThat(span).as("the wheel zooms").isNotEqualTo(360.0);
        assertThat(zoomed[1]).as("a live range zooms at now").isEqualTo(end());
        assertThat(robot.lookup("#range6h").queryAs(ToggleButton.class).isSelected()).isFalse();

        Point2D c = robot.point("#paymentsChart").query();
        robot.drag(c, MouseButton.PRIMARY).dropTo(c.add(200, 0));
        double[] panned = bounds();
        assertThat(panned[1]).as("dragging right goes back in time").isLessThan(end());
        assertThat(panned[1] - panned[0]).isEqualTo(span, Assertions.within(1e-6));
        assertThat(robot.lookup("#liveButton").queryButton().isDisabled()).isFalse();

        robot.clickOn("#liveButton");
        assertThat(bounds()).as("Live: back to now, same width").containsExactly(end() - span, end());
        assertThat(robot.lookup("#liveButton").queryButton().isDisabled()).isTrue();

        robot.type(KeyCode.DIGIT4);
        assertThat(bounds()).containsExactly(end() - 24 * 60, end());
        robot.type(KeyCode.LEFT);
        assertThat(bounds()).containsExactly(end() - 24 * 60 - 6 * 60, end() - 6 * 60);
        robot.type(KeyCode.MINUS);
        assertThat(bounds()[1] - bounds()[0]).isEqualTo(48 * 60);
        robot.type(KeyCode.L);
        assertThat(bounds()).containsExactly(end() - 48 * 60, end());
        robot.type(KeyCode.DIGIT2);
        assertThat(bounds()).containsExactly(end() - 60, end());

        clock.advance(Duration.ofMinutes(2));
        render();
        assertThat(bounds()).as("live follows now").containsExactly(end() - 60, end());
        assertChartShowsTheFrame();
    }

    /** The drawn points (reused from tick to tick) are exactly the frame's, spike included at 7 days. */
    private void assertChartShowsTheFrame() throws Exception {
        double[][] drawn = onFx(() -> {
            @SuppressWarnings("unchecked")
            LineChart<Number, Number> chart = robot.lookup("#paymentsChart").queryAs(LineChart.class);
            var data = chart.getData().get(1).getData();
            double[][] xy = new double[2][data.size()];
            for (int i = 0; i < data.size(); i++) {
                xy[0][i] = data.get(i).getXValue().doubleValue();
                xy[1][i] = data.get(i).getYValue().doubleValue();
            }
            return xy;
        });
        SeriesLine line = vm.frameProperty().get().line(ChartSeries.PAYMENTS_FAILED);
        assertThat(drawn[0]).containsExactly(Arrays.copyOf(line.x(), line.size()));
        assertThat(drawn[1]).containsExactly(Arrays.copyOf(line.y(), line.size()));
        double lower = bounds()[0];
        if (lower <= end() - 2 * 24 * 60) {
            assertThat(drawn[1]).as("the 60-failure minute survives decimation").contains(60.0);
        }
    }

    @Test
    void doubleClickOnAPointOpensThatMinuteOfThatSeries() throws Exception {
        robot.clickOn("#range1h");
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        Point2D onScreen = onFx(() -> {
            LineChart<?, ?> chart = robot.lookup("#paymentsChart").queryAs(LineChart.class);
            TimeAxis x = (TimeAxis) chart.getXAxis();
            NumberAxis y = (NumberAxis) chart.getYAxis();
            double px = x.getDisplayPosition(minute.getEpochSecond() / 60.0 + 0.5);
            double py = y.getDisplayPosition(10); // the failed payments' line
            return new Point2D(x.localToScreen(px, 0).getX(), y.localToScreen(0, py).getY());
        });
        robot.moveTo(onScreen).doubleClickOn(MouseButton.PRIMARY);
        assertThat(opened.get()).isEqualTo("Payment/failed " + minute);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}

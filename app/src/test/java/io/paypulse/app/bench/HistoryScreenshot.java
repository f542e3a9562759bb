package io.paypulse.app.bench;

import io.paypulse.app.PayPulseApp;
import io.paypulse.app.dashboard.ChartSeries;
import io.paypulse.app.dashboard.DashboardController;
import io.paypulse.app.dashboard.DashboardViewModel;
import io.paypulse.app.dashboard.TimeRange;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.feed.MinutePoint;
import io.paypulse.app.feed.MinuteSeries;
import io.paypulse.app.feed.ProbeSample;
import io.paypulse.app.lag.LagPanelController;
import io.paypulse.app.lag.LagViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Saves a PNG of the real dashboard (FXML, controller, view model, theme) showing a synthetic week of
 * history at a chosen range: 24 h with a 20-minute gateway outage 5 h ago, evening peaks, and the open
 * minute. For docs (issue 13). Not a test: run with the app's test class path on Monocle headless:
 * {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp ... 
 * io.paypulse.app.bench.HistoryScreenshot docs/screenshot-history-24h.png HOURS_24}
 */
public final class HistoryScreenshot {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshot-history-24h.png");
        TimeRange range = TimeRange.valueOf(args.length > 1 ? args[1] : "HOURS_24");
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                shoot(out, range, done);
            } catch (Exception e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
        System.out.println("Saved " + out);
    }

    private static void shoot(Path out, TimeRange range, CountDownLatch done) throws Exception {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Clock clock = Clock.systemDefaultZone();
        Instant open = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant at = open.plusSeconds(35);
        DashboardViewModel vm = new DashboardViewModel(Clock.fixed(at, clock.getZone()));
        DashboardController controller = new DashboardController(vm);
        FXMLLoader loader = new FXMLLoader(DashboardController.class.getResource("dashboard.fxml"));
        // The dashboard includes the lag panel: its history goes to a temp file here.
        var lag = new LagPanelController(new LagViewModel(
                Files.createTempDirectory("history-shot").resolve("lag-history.csv"), clock,
                Runnable::run, Runnable::run));
        loader.setControllerFactory(t -> t == LagPanelController.class ? lag : controller);
        Parent root = loader.load();
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(PayPulseApp.class.getResource("app.css").toExternalForm());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();

        Random r = new Random(3);
        List<MinutePoint> week = new ArrayList<>();
        for (int i = 7 * 24 * 60; i >= 0; i--) {
            Instant start = open.minus(Duration.ofMinutes(i));
            int hour = start.atZone(clock.getZone()).getHour();
            double daily = 0.6 + 0.4 * Math.sin((hour - 8) / 24.0 * 2 * Math.PI);
            long ok = Math.round(1150 * daily + r.nextGaussian() * 40);
            long failed = Math.round(ok * (0.10 + r.nextGaussian() * 0.01));
            if (i >= 5 * 60 && i < 5 * 60 + 20) {
                failed = Math.round(ok * 0.55); // a gateway outage
            }
            long refunds = Math.round(ok * 0.1);
            long refundsFailed = Math.round(refunds * 0.1);
            if (i == 0) { // the open minute, 35 s in
                ok = ok * 35 / 60;
                failed = failed * 35 / 60;
                refunds = refunds * 35 / 60;
                refundsFailed = refundsFailed * 35 / 60;
            }
            week.add(new MinutePoint(start, ok, failed, refunds, refundsFailed, (ok + refunds) * 50_500, i > 0));
        }
        DashboardViewModel shown = vm;
        shown.render(new FeedSnapshot(at, week.subList(week.size() - 61, week.size()), List.of(), 0, 0,
                ProbeSample.NONE, 1, null, MinuteSeries.of(week), null));
        shown.selectRange(range);
        // A few real pulses (CSS and layout of the point nodes added by the last draw), then the picture.
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(800));
        wait.setOnFinished(e -> {
            try {
            if (Boolean.getBoolean("shot.debug")) {
            int pts = 0;
            for (ChartSeries c : ChartSeries.values()) {
                pts += shown.frameProperty().get().line(c).size();
            }
            System.out.println("points " + pts + " axis width " + root.lookup("#paymentsChart").lookup(".axis").getLayoutBounds());
                for (Node n : root.lookupAll(".open-minute")) {
                    Node c = n;
                    while (c != null && !(c instanceof XYChart)) {
                        c = c.getParent();
                    }
                    System.out.println("ring in " + (c == null ? null : c.getStyleClass()) + " " + n.getBoundsInParent()
                            + " visible " + n.isVisible() + " classes " + n.getStyleClass());
                }
            }
            WritableImage img = scene.snapshot(null);
            PixelReader px = img.getPixelReader();
            BufferedImage b = new BufferedImage((int) img.getWidth(), (int) img.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < b.getHeight(); y++) {
                for (int x = 0; x < b.getWidth(); x++) {
                    b.setRGB(x, y, px.getArgb(x, y));
                }
            }
            ImageIO.write(b, "png", out.toFile());
            } catch (Exception ex) {
                ex.printStackTrace();
            } finally {
                stage.close();
                done.countDown();
            }
        });
        wait.play();
    }
}

package io.paypulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.Severity;
import io.paypulse.testing.RawEvents;
import io.paypulse.topic.Topics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §4 as a user meets it: a card-testing alert for one user, a double-click on its row, and an
 * Events window listing exactly that user's failed payments of the alert's window, read back from the raw
 * topic of the shared broker; then the mask switch hides user ids and IP addresses in the table.
 */
class AlertToEventsJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final WatchingApp app = new WatchingApp();

    @Test
    void doubleClickingAVelocityAlertListsThatUsersFailedPaymentsOfItsWindowAndMaskHidesIds() throws Exception {
        app.launch(dir);
        // A user no other test writes: 9 and five random digits.
        String user = RawEvents.user(900_000 + ThreadLocalRandom.current().nextInt(100_000));
        int other = 900_000 + ThreadLocalRandom.current().nextInt(100_000);
        Instant window = app.clock.instant().minus(Duration.ofMinutes(1));
        List<String> expectedOrders = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        int seq = ThreadLocalRandom.current().nextInt(1_000_000);
        try (RawEvents raw = new RawEvents(Topics.RAW)) {
            for (int i = 0; i < 4; i++) { // the ones the rule counted
                Instant t = window.plusSeconds(5 + 10 * i);
                raw.send(i, t, t, false, true, RawEvents.order(seq + i), 2_00 + i, user, null, "Card declined",
                        RawEvents.ip(seq + i));
                expectedOrders.add(RawEvents.order(seq + i));
                ips.add(RawEvents.ip(seq + i));
            }
            Instant in = window.plusSeconds(50);
            raw.send(10, in, in, false, false, RawEvents.order(seq + 10), 5_00, user,
                    RawEvents.reference(false, seq + 10), null, RawEvents.ip(seq + 10)); // succeeded
            raw.send(11, in, in, true, true, RawEvents.order(seq + 11), 5_00, user, null, "Card declined",
                    RawEvents.ip(seq + 11)); // a refund
            Instant before = window.minusSeconds(30);
            raw.send(12, before, before, false, true, RawEvents.order(seq + 12), 5_00, user, null, "Card declined",
                    RawEvents.ip(seq + 12)); // before the window
            raw.send(13, in, in, false, true, RawEvents.order(seq + 13), 5_00, RawEvents.user(other), null,
                    "Card declined", RawEvents.ip(seq + 13)); // another user
            raw.flush();
        }
        Alert alert = new Alert(Alert.idOf("card-testing", user, window), "card-testing", Severity.WARNING, user,
                window, window.plusSeconds(60), 4, 3, user + " had 4 failed payments in one minute",
                AlertState.FIRING, 1, window.plusSeconds(65), app.clock.instant());
        app.publish(alert);
        app.robot.interact(() -> app.robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(1));
        await("the alert row").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> alertRow(user) != null);

        app.doubleClick(alertRow(user));

        await("the events of the alert's window").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> eventsTable() != null && status().matches("[\\d,]+ events? of .*"));
        List<ParsedEvent> rows = WatchingApp.onFx(() -> List.copyOf(eventsTable().getItems()));
        assertThat(rows).extracting(ParsedEvent::orderId).containsExactlyInAnyOrderElementsOf(expectedOrders);
        assertThat(rows).allMatch(e -> e.userId().equals(user) && e.failed());
        assertThat(title()).startsWith("Failed payments of " + user + ", ");
        assertThat(status()).startsWith("4 events of ");

        app.robot.clickOn("#maskCheck");
        assertThat(WatchingApp.onFx(() -> app.robot.lookup("#maskCheck").queryAs(CheckBox.class).isSelected())).isTrue();
        rows = WatchingApp.onFx(() -> List.copyOf(eventsTable().getItems()));
        assertThat(rows).hasSize(4).allMatch(e -> e.userId().matches("user#[0-9a-f]{8}")
                && e.ipAddress().matches("ip#[0-9a-f]{8}"));
        assertThat(rows).extracting(ParsedEvent::userId).as("one user, one tag").containsOnly(rows.get(0).userId());
        List<String> cellTexts = WatchingApp.onFx(() -> app.robot.lookup("#eventsTable .table-cell").queryAllAs(TableCell.class)
                .stream().map(c -> c.getText() == null ? "" : c.getText()).toList());
        assertThat(cellTexts).as("the table shows the tags").contains(rows.get(0).userId())
                .noneMatch(t -> t.contains(user) || ips.stream().anyMatch(t::equals));
        assertThat(WatchingApp.onFx(() -> app.robot.lookup("#userField").queryAs(TextField.class)
                .getText())).as("the search field masks the user too").isEqualTo(rows.get(0).userId());
        assertThat(title()).as("the title masks the user too").doesNotContain(user).contains(rows.get(0).userId());
        saveScreenshot();

        // Live tail: the window again, then what comes; Pause holds new rows back until it is released.
        app.robot.clickOn("#liveToggle");
        await("the tail re-reads the window").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> rowCount() == 4 && status().startsWith("Live: "));
        try (RawEvents raw = new RawEvents(Topics.RAW)) {
            Instant now = Instant.now();
            raw.send(20, now, now, false, true, RawEvents.order(seq + 20), 7_00, user, null, "Expired card",
                    RawEvents.ip(seq + 20));
            raw.flush();
            await("a new failed payment is tailed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> rowCount() == 5);
            app.robot.clickOn("#pauseToggle");
            raw.send(21, now, now, false, true, RawEvents.order(seq + 21), 8_00, user, null, "Expired card",
                    RawEvents.ip(seq + 21));
            raw.flush();
            await("paused: held back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status().startsWith("Paused: 1 new event waiting."));
            assertThat(rowCount()).isEqualTo(5);
        }
        app.robot.clickOn("#pauseToggle");
        await("released").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> rowCount() == 6);
        app.robot.clickOn("#liveToggle");
        await("the tail stops, its rows stay").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> status().startsWith("6 events of "));
        assertThat(rowCount()).isEqualTo(6);
    }

    private int rowCount() {
        return WatchingApp.onFx(() -> eventsTable().getItems().size());
    }

    /** With -Dpaypulse.screenshot=FILE.png: the Events window as it is now (docs/screenshot-events.png). */
    private void saveScreenshot() throws Exception {
        String file = System.getProperty("paypulse.screenshot");
        if (file == null || file.isBlank()) {
            return;
        }
        WritableImage image = WatchingApp.onFx(() -> eventsTable().getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", Path.of(file).toFile());
    }

    private Node alertRow(String group) {
        return WatchingApp.onFx(() -> app.robot.lookup("#alertsTable .table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof AlertRow a && a.group().equals(group))
                .tryQuery().orElse(null));
    }

    @SuppressWarnings("unchecked")
    private TableView<ParsedEvent> eventsTable() {
        return WatchingApp.onFx(() -> (TableView<ParsedEvent>) app.robot.lookup("#eventsTable").tryQueryAs(TableView.class)
                .orElse(null));
    }

    private String status() {
        return WatchingApp.onFx(() -> app.robot.lookup("#eventsStatusLabel").tryQueryAs(Label.class)
                .map(l -> l.getText() == null ? "" : l.getText()).orElse(""));
    }

    private String title() {
        return WatchingApp.onFx(() -> app.robot.lookup("#eventsTitleLabel").queryAs(Label.class).getText());
    }
}

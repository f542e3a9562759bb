package io.paypulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.fx.FxThread;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.dlq.DeadLetterHeaders;
import io.paypulse.event.DeadLetter;
import io.paypulse.testing.SharedBroker;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Dead letters tab on a real (headless) window against the shared embedded broker, as a user
 * would: the counts per category, a record selected and inspected (its value as text and hex), then
 * Re-drive selected, a confirmation that says how many, and the original record arriving on the raw
 * topic with its key, value, identity header and origin partition. Own topics, so other tests'
 * dead letters do not count.
 */
class DlqJourneyTest {

    private static final String VALUE = "{\"timestamp\": \"2026-12-03T10:41:07Z\", \"level\": \"INFO\", \"message\": "
            + "\"Payment successful for order order_0123456789ab. Amount: $12.34. User: user_004711. "
            + "Payment ID: pay_0123456789abcdef. IP: 93.184.216.34\"}";

    private final FxRobot robot = new FxRobot();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String dlqTopic = "dlq-journey-dlq-" + run;
    private final String rawTopic = "dlq-journey-raw-" + run;
    private final ExecutorService background = Workers.standard().single("dlq-journey");

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    @Test
    void inspectASchemaDeadLetterAndReDriveItAfterAConfirmationThatSaysHowMany() throws Exception {
        SharedBroker.createTopics(Map.of(dlqTopic, 1, rawTopic, 3));
        Map<String, Object> client = ClusterClients.base(SharedBroker.bootstrapServers(), Map.of(), "dlq-journey");
        Instant at = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer(client)) {
            letter(producer, DeadLetter.of("schema: $.amount: string found, number expected", Topics.RAW, 2, 42, at,
                    "user_004711", VALUE.getBytes(StandardCharsets.UTF_8)), "schema");
            letter(producer, DeadLetter.of("invalid JSON: Unexpected character", Topics.RAW, 0, 7, at, "k",
                    new byte[] {0x7b, 0x01, 0x1b, (byte) 0xff, 0x00}), "unparseable");
            letter(producer, DeadLetter.of("late event at 2026-12-03T10:00:00Z: window closed", Topics.RAW, 1, 3, at, "k",
                    VALUE.getBytes(StandardCharsets.UTF_8)), "late");
        }

        DlqViewModel model = new DlqViewModel(background, FxThread.INSTANCE, Clock.system(ZoneOffset.UTC));
        FxToolkit.setupStage(stage -> {
            try {
                FXMLLoader loader = new FXMLLoader(DlqController.class.getResource("dlq.fxml"));
                loader.setControllerFactory(t -> new DlqController(model, ZoneOffset.UTC));
                Parent root = loader.load();
                stage.setScene(new Scene(root, 1100, 760));
                stage.show();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        FxThread.run(() -> model.attach(DlqClients.of(client, dlqTopic, rawTopic)));

        TableView<DlqRow> table = robot.lookup("#dlqTable").queryTableView();
        await().atMost(Duration.ofSeconds(30)).until(() -> table.getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dlq-count-schema").queryAs(Label.class).getText()).isEqualTo("schema 1");
        assertThat(robot.lookup("#dlq-count-unparseable").queryAs(Label.class).getText()).isEqualTo("unparseable 1");
        assertThat(robot.lookup("#dlq-count-late").queryAs(Label.class).getText()).isEqualTo("late 1");
        assertThat(robot.lookup("#dlq-count-registry").queryAs(Label.class).getText()).isEqualTo("registry 0");

        // The binary one: shown as hex, its control bytes never drawn as text.
        robot.clickOn(robot.lookup(".table-row-cell").match(
                n -> rowReason(n).startsWith("invalid JSON")).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dlqDetailText").queryAs(TextArea.class).getText()).isEqualTo("(5 bytes, not UTF-8: see hex)");
        assertThat(robot.lookup("#dlqDetailHex").queryAs(TextArea.class).getText()).contains("7b 01 1b ff 00").contains("|{....|");

        robot.clickOn(robot.lookup(".table-row-cell").match(
                n -> rowReason(n).startsWith("schema:")).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dlqDetailText").queryAs(TextArea.class).getText()).isEqualTo(VALUE);
        assertThat(robot.lookup("#dlqDetailOrigin").queryAs(Label.class).getText()).startsWith("payment/2/42");
        assertThat(robot.lookup("#dlqDetailRedrivable").queryAs(Label.class).getText())
                .isEqualTo("Re-drivable: yes, as payment/2/42");
        assertThat(robot.lookup("#dlqDetailHeaders").queryAs(TextArea.class).getText())
                .isEqualTo("paypulse-dlq-category: schema");

        snapshot(table.getScene().getRoot(), Path.of("target", "screenshots", "dlq-tab.png"));

        robot.clickOn("#redriveSelectedButton");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#redriveConfirmation").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Re-drive 1 dead letter to payment?");
        robot.clickOn((Button) dialog.lookupButton(ButtonType.OK));

        List<ConsumerRecord<String, byte[]>> arrived = await().atMost(Duration.ofSeconds(30))
                .until(() -> readAll(client), l -> !l.isEmpty());
        assertThat(arrived).singleElement().satisfies(r -> {
            assertThat(r.partition()).as("the origin partition").isEqualTo(2);
            assertThat(r.key()).isEqualTo("user_004711");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(VALUE);
            assertThat(DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REDRIVE_OF)).isEqualTo("payment/2/42");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#dlqStatusLabel").queryAs(Label.class).getText()
                .contains("re-drove 1 dead letter to payment"));
    }

    /** The view as a PNG under target/ (docs/screenshot-dlq.png is one of these, looked at). */
    private static void snapshot(Parent root, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> root.snapshot(null, null)).get(10,
                TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    private static String rowReason(Node row) {
        Object item = ((TableRow<?>) row).getItem();
        return item instanceof DlqRow r ? r.reason() : "";
    }

    private void letter(KafkaProducer<String, byte[]> producer, DeadLetter letter, String category) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(dlqTopic, letter.key(),
                Topics.DLQ_VALUE.serializer().serialize(dlqTopic, letter));
        r.headers().add(DeadLetterHeaders.CATEGORY, category.getBytes(StandardCharsets.UTF_8));
        producer.send(r).get(30, TimeUnit.SECONDS);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = List.of(new TopicPartition(rawTopic, 0), new TopicPartition(rawTopic, 1),
                    new TopicPartition(rawTopic, 2));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }
}

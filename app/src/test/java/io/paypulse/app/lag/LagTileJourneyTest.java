package io.paypulse.app.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import io.paypulse.config.ConfigKeys;
import io.paypulse.health.PartitionLagRow;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The lag tile as a user meets it: the app watches the shared broker (Custom cluster mode) for a
 * processor group whose committed offsets the test sets, leaving the last partition of the raw topic
 * behind. The tile names that partition, the panel's table and chart show it, and when the group
 * catches up the tile says so; the history is on disk for the next start.
 */
class LagTileJourneyTest {

    private static final int BEHIND = 3;

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();
    private final String group = "lag-journey-" + UUID.randomUUID();

    @Test
    void theTileNamesThePartitionBehindAndThenSaysTheProcessorCaughtUp() throws Exception {
        SharedBroker.createTopics(Topics.partitionsByTopic(1)); // the topics the app's feed reads
        Map<TopicPartition, Long> ends;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.RAW).partitions().size();
            if (partitions < 3) {
                admin.createPartitions(Map.of(Topics.RAW, NewPartitions.increaseTo(3))).all().get(10, TimeUnit.SECONDS);
                SharedBroker.createTopics(Map.of(Topics.RAW, 3)); // waits until the new partitions answer
            }
            ends = produceToEveryPartition(admin, 4);
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            ends.forEach((tp, end) -> commits.put(tp, new OffsetAndMetadata(end)));
            TopicPartition last = new TopicPartition(Topics.RAW, ends.size() - 1);
            commits.put(last, new OffsetAndMetadata(ends.get(last) - BEHIND));
            admin.alterConsumerGroupOffsets(group, commits).all().get(10, TimeUnit.SECONDS);

            launch();
            int lastPartition = ends.size() - 1;
            await("the tile names partition " + lastPartition).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> text("#kpiLagDetail").equals("partition " + lastPartition + " behind"));
            assertThat(text("#kpiLag")).as("records and the age of the oldest waiting one").matches("3 \\(1 min \\d+ s\\)");
            // The panel updates once a second (the tile four times): wait for its tick too.
            await("the panel says the same").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> text("#lagSummary").equals("partition " + lastPartition + " behind"));

            robot.clickOn("Per partition");
            @SuppressWarnings("unchecked")
            TableView<PartitionLagRow> table = robot.lookup("#lagTable").queryAs(TableView.class);
            assertThat(onFx(table::isVisible)).isTrue();
            assertThat(onFx(() -> List.copyOf(table.getItems()))).hasSize(ends.size())
                    .filteredOn(r -> !r.caughtUp()).singleElement()
                    .satisfies(r -> assertThat(r.partition()).isEqualTo(lastPartition))
                    .satisfies(r -> assertThat(r.records()).isEqualTo(BEHIND));

            robot.clickOn("#lagRange-DAYS_7");
            @SuppressWarnings("unchecked")
            LineChart<Number, Number> chart = robot.lookup("#lagChart").queryAs(LineChart.class);
            await("a point of lag history on the chart").atMost(Duration.ofSeconds(15))
                    .until(() -> onFx(() -> chart.getData().get(0).getData().size()) >= 1);
            snapshot(Path.of("target", "screenshots", "lag-journey.png")); // for a look, not an assertion

            admin.alterConsumerGroupOffsets(group, Map.of(last, new OffsetAndMetadata(ends.get(last))))
                    .all().get(10, TimeUnit.SECONDS);
            await("caught up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> text("#kpiLagDetail").equals("caught up on all " + ends.size() + " partitions"));
            assertThat(text("#kpiLag")).isEqualTo("0");
        }

        running.close();
        Path history = dir.resolve("data").resolve(LagHistoryStore.FILE);
        assertThat(Files.readAllLines(history)).as("lag history kept for the next start")
                .anySatisfy(l -> assertThat(LagPoint.parse(l).records()).isEqualTo(BEHIND));
    }

    /** {@code n} records to every partition of the raw topic, stamped 90 s ago; returns the end offsets. */
    private static Map<TopicPartition, Long> produceToEveryPartition(Admin admin, int n) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.RAW).partitions().size();
        long stamp = System.currentTimeMillis() - 90_000;
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int part = 0; part < partitions; part++) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>(Topics.RAW, part, stamp, "k", "{}")).get(10, TimeUnit.SECONDS);
                }
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int part = 0; part < partitions; part++) {
            latest.put(new TopicPartition(Topics.RAW, part), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private void launch() throws Exception {
        running.in(dir).settings("{\"mode\": \"CUSTOM\", \"bootstrapServers\": \""
                + SharedBroker.bootstrapServers() + "\", \"width\": 1280, \"height\": 800}")
                .set(ConfigKeys.APPLICATION_ID, group).launch();
        robot.clickOn("#startButton");
    }

    private static void snapshot(Path out) throws Exception {
        WritableImage image = onFx(() -> FxToolkit.toolkitContext().getRegisteredStage().getScene().snapshot(null));
        BufferedImage png = new BufferedImage((int) image.getWidth(),
                (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(out.getParent());
        ImageIO.write(png, "png", out.toFile());
    }

    private String text(String query) {
        Node n = robot.lookup(query).query();
        return onFx(() -> ((Label) n).getText() == null ? "" : ((Label) n).getText());
    }
}

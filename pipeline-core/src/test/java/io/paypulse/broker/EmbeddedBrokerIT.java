package io.paypulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Real brokers of its own (not SharedBroker): restart, ports, locking. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedBrokerIT {

    @TempDir
    Path tmp;

    @Test
    void producesConsumesAndKeepsTopicsAndDataAcrossRestart() throws Exception {
        Path dir = tmp.resolve("data");
        String clusterId;
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(dir, 0, false))) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
            assertThat(broker.startupTime()).isPositive().isLessThan(Duration.ofSeconds(60));
            assertThat(dir.resolve("kafka/meta.properties")).exists();
            clusterId = broker.clusterId();
            assertThat(clusterIdOf(broker.bootstrapServers())).isEqualTo(clusterId);

            createTopic(broker.bootstrapServers(), "plain", 2);
            createTopic(broker.bootstrapServers(), "tx", 1);
            produce(broker.bootstrapServers(), "plain", "k1", "hello", false);
            // Exactly-once needs the transaction state log to work on a single node.
            produce(broker.bootstrapServers(), "tx", "k2", "committed", true);
            assertThat(consumeValues(broker.bootstrapServers(), "plain", 1)).containsExactly("hello");
            assertThat(consumeValues(broker.bootstrapServers(), "tx", 1)).containsExactly("committed");

            broker.close();
            broker.close(); // idempotent; try-with-resources closes a third time
        }

        try (EmbeddedBroker again = EmbeddedBroker.start(new BrokerOptions(dir, 0, false))) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            assertThat(clusterIdOf(again.bootstrapServers())).isEqualTo(clusterId);
            assertThat(consumeValues(again.bootstrapServers(), "plain", 1)).containsExactly("hello");
            assertThat(consumeValues(again.bootstrapServers(), "tx", 1)).containsExactly("committed");
            produce(again.bootstrapServers(), "plain", "k3", "after restart", false);
            assertThat(consumeValues(again.bootstrapServers(), "plain", 2)).containsExactlyInAnyOrder("hello", "after restart");
        }
    }

    @Test
    void takenPortFallsBackToAFreeOneWhenNotExplicit() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        try (ServerSocket taken = occupyPort();
             EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(tmp.resolve("data"), taken.getLocalPort(), false))) {
            assertThat(broker.port()).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).contains(
                    "Port " + taken.getLocalPort() + " is in use; the embedded broker uses port " + broker.port() + " instead");
            roundTrip(broker.bootstrapServers(), "fallback");
        } finally {
            stopCapturing(logs);
        }
    }

    @Test
    void takenExplicitPortIsAnErrorNamingThePort() throws Exception {
        Path dir = tmp.resolve("data");
        try (ServerSocket taken = occupyPort()) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedBroker.start(new BrokerOptions(dir, port, true)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessage("Port " + port + " is already in use. Free it or choose another port with --broker-port.");
        }
        assertThat(dir.resolve("kafka/meta.properties")).doesNotExist();
        assertLockIsFree(dir);
    }

    @Test
    void secondBrokerOnTheSameDirFailsAndLeavesTheFirstWorking() throws Exception {
        Path dir = tmp.resolve("data");
        try (EmbeddedBroker first = EmbeddedBroker.start(new BrokerOptions(dir, 0, false))) {
            assertThatThrownBy(() -> EmbeddedBroker.start(new BrokerOptions(dir, 0, false)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessage("Another PayPulse broker is already using " + dir.toAbsolutePath()
                            + ". Stop it or use --data-dir.");
            roundTrip(first.bootstrapServers(), "still-working");
        }
    }

    /**
     * A broker in another JVM holds the data dir: starting here fails (the cross-process lock path).
     * After that JVM is killed with SIGKILL its kafka.lock file stays behind, unheld, and a restart
     * here recovers both the lock and the acknowledged data.
     */
    @Test
    void dirHeldByAnotherProcessFailsUntilItIsKilledThenRestartRecoversLockAndData() throws Exception {
        Path dir = tmp.resolve("data");
        Path output = tmp.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ChildBroker.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            Awaitility.await("child broker ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !child.isAlive() || Files.readString(output).contains(ChildBroker.READY));
            assertThat(child.isAlive()).as("child broker alive; its output:%n%s", Files.readString(output)).isTrue();

            assertThatThrownBy(() -> EmbeddedBroker.start(new BrokerOptions(dir, 0, false)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessage("Another PayPulse broker is already using " + dir.toAbsolutePath()
                            + ". Stop it or use --data-dir.");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean Kafka shutdown
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve("kafka.lock")).exists(); // left behind, held by nobody
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(dir, 0, false))) {
            assertThat(consumeValues(broker.bootstrapServers(), "crash", 1)).containsExactly("before crash");
        }
    }

    /** Runs in a child JVM: a broker with one acknowledged record, then waits to be killed. */
    static final class ChildBroker {
        static final String READY = "CHILD-BROKER-READY";

        public static void main(String[] args) throws Exception {
            EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(Path.of(args[0]), 0, false));
            createTopic(broker.bootstrapServers(), "crash", 1);
            produce(broker.bootstrapServers(), "crash", "k", "before crash", false);
            System.out.println(READY);
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static ServerSocket occupyPort() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
        return socket;
    }

    private static void assertLockIsFree(Path dir) throws Exception {
        try (var channel = FileChannel.open(dir.resolve("kafka.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.tryLock()) {
            assertThat(lock).isNotNull();
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).addAppender(appender);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(EmbeddedBroker.class)).detachAppender(appender);
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    private static String clusterIdOf(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates the topic and waits until every partition answers listOffsets (KAFKA-15591). */
    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> admin.listOffsets(request).all().get(5, TimeUnit.SECONDS) != null);
        }
    }

    private static void roundTrip(String bootstrap, String topic) throws Exception {
        createTopic(bootstrap, topic, 1);
        produce(bootstrap, topic, "k", "v-" + topic, false);
        assertThat(consumeValues(bootstrap, topic, 1)).containsExactly("v-" + topic);
    }

    private static void produce(String bootstrap, String topic, String key, String value, boolean transactional)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        if (transactional) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + topic);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, key, value));
                producer.commitTransaction();
            } else {
                producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the topic from the beginning (read_committed) until {@code expected} values arrived. */
    private static List<String> consumeValues(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            values.add(r.value());
                        }
                        return values.size() >= expected;
                    });
        }
        return values;
    }
}

package io.paypulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paypulse.testing.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker on a real, full disk (a 32 MiB tmpfs; needs root as on CI): Kafka halts it when its only
 * log directory fails; the owner hears one sentence naming the cause and the folder, and close is prompt.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedBrokerDiskFullIT {

    @TempDir
    Path scratch;

    private SmallDisk disk;
    private EmbeddedBroker broker;

    @AfterEach
    void cleanUp() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDataDiskStopsTheBrokerWithOneSentenceAndItClosesPromptly() throws Exception {
        assumeTrue(SmallDisk.available(scratch), "mounting a tmpfs needs root (CI runs as root)");
        disk = SmallDisk.mount(scratch.resolve("disk"), 32 * 1024);
        Path data = disk.path().resolve("data");
        broker = EmbeddedBroker.start(new BrokerOptions(data, 0, false));
        CountDownLatch told = new CountDownLatch(1);
        broker.onFailure(e -> told.countDown());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        assertThat(broker.failure()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("kafka")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("kafka.lock"))))
                .isEqualTo("rw-------");

        disk.fill();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000))) {
            for (int i = 0; i < 50; i++) {
                p.send(new ProducerRecord<>("t", new byte[20_000]));
            }
            assertThat(told.await(30, TimeUnit.SECONDS)).as("the owner is told the broker failed").isTrue();
            assertThat(broker.failure()).get().extracting(Throwable::getMessage).isEqualTo("The embedded broker stopped:"
                    + " no space left on device in " + data + ". Free space or fix the folder (or choose another with"
                    + " --data-dir), then start again.");
            p.close(Duration.ZERO);
        }
        long t0 = System.nanoTime();
        broker.close(); // was 89 s: Kafka's shutdown waits on the dead log directory
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        broker = null;
    }
}

package io.paypulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedBrokerIT {

    @Test
    void oneBrokerPerJvmAndCreateTopicsIsIdempotentAndReadyForIdempotentProducers() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        assertThat(SharedBroker.bootstrapServers()).isEqualTo(bootstrap);

        Map<String, Integer> topics = Map.of("shared-broker-it-a", 3, "shared-broker-it-b", 1);
        SharedBroker.createTopics(topics);
        SharedBroker.createTopics(topics); // existing topics are fine

        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            assertThat(admin.describeTopics(topics.keySet()).allTopicNames().get(10, TimeUnit.SECONDS))
                    .hasEntrySatisfying("shared-broker-it-a", d -> assertThat(d.partitions()).hasSize(3));
        }

        // Right after createTopics an idempotent producer must be acknowledged at once on every
        // partition (KAFKA-15591 would stall it for 120 s).
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int p = 0; p < 3; p++) {
                producer.send(new ProducerRecord<>("shared-broker-it-a", p, "k", "v")).get(20, TimeUnit.SECONDS);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
}

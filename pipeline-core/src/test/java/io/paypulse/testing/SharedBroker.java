package io.paypulse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * STAND-IN, written on branch {@code sinks} only so that {@code CsvSinkIT} compiles. Replace it with the
 * real {@code SharedBroker} (one in-process KRaft broker per JVM) when the branches are merged.
 *
 * <p>This stand-in starts nothing: it uses the broker named by the environment variable
 * {@code PAYPULSE_TEST_BOOTSTRAP} or the system property {@code paypulse.test.bootstrap}.
 */
public final class SharedBroker {

    private SharedBroker() {
    }

    public static String bootstrapServers() {
        String servers = System.getProperty("paypulse.test.bootstrap", System.getenv("PAYPULSE_TEST_BOOTSTRAP"));
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException("SharedBroker stand-in: set PAYPULSE_TEST_BOOTSTRAP to a running broker "
                    + "(the real SharedBroker, which starts one, replaces this class at merge)");
        }
        return servers;
    }

    public static void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            for (var f : admin.createTopics(topics).values().values()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics " + partitionsByTopic.keySet(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.SilenceWriter;
import io.paypulse.notify.TopicSilences;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.util.Properties;

/**
 * The silences topic as the {@code silence} commands use it: created compacted if missing (with the
 * admin's clear errors), then read to its end before anything is listed or changed.
 */
final class SilenceTopic implements AutoCloseable {

    private final PayPulseConfig config;
    private final ClusterAdminOptions cluster;
    private final Properties client;
    private final TopicSilences silences;

    private SilenceTopic(PayPulseConfig config, ClusterAdminOptions cluster, Properties client,
            TopicSilences silences) {
        this.config = config;
        this.cluster = cluster;
        this.client = client;
        this.silences = silences;
    }

    /** @throws ClusterUnreachableException with one sentence when the cluster does not answer in time */
    static SilenceTopic open(PayPulseConfig config, ClusterAdminOptions cluster) {
        cluster.withAdmin(config, admin -> TopicSetup.ensureCompacted(admin, Topics.SILENCES, config.replication(),
                cluster.timeout()));
        Properties client = new Properties();
        client.putAll(ClusterClients.base(config, "paypulse-silence"));
        TopicSilences silences = new TopicSilences().start(client, config.replication());
        try {
            if (!silences.awaitLoaded(cluster.timeout())) {
                throw new ClusterUnreachableException("Kafka at " + config.bootstrapServers()
                        + " did not send the silences within " + cluster.timeout().toSeconds()
                        + " s; check --bootstrap and that the cluster is running.", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            silences.close();
            throw new ClusterUnreachableException("Interrupted while reading the silences.", e);
        } catch (RuntimeException e) {
            silences.close();
            throw e;
        }
        return new SilenceTopic(config, cluster, client, silences);
    }

    TopicSilences silences() {
        return silences;
    }

    /** A writer of the same topic; the caller closes it. */
    SilenceWriter writer(Clock clock) {
        return new SilenceWriter(client, silences, config.replication(), clock, cluster.timeout());
    }

    @Override
    public void close() {
        silences.close();
    }
}

package io.paypulse.notify;

import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.cluster.TopicSetup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and expires silences by writing them to the compacted silences topic (acks=all,
 * idempotent). Each call blocks until the cluster has the record, so "added" is true when said;
 * call it off the FX thread. The topic is created compacted before the first write (a producer
 * would otherwise let the broker auto-create it with the delete policy).
 *
 * <p>Expiring writes the silence again with {@code endsAt = now} rather than a tombstone, so
 * lists still show it as ended (who, why, when) and every reader stops applying it at the same
 * instant. A silence that has not started yet is removed with a tombstone instead: it never covered
 * anything worth keeping. Ended silences stay in the topic (one small record each; at most
 * {@link Silences#MAX_LENGTH} long); {@link #forget} removes one for good.
 */
public final class SilenceWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceWriter.class);

    private final String topic;
    private final Properties client;
    private final short replication;
    private final TopicSilences known;
    private final Clock clock;
    private final Duration timeout;
    private final KafkaProducer<String, Silence> producer;
    private volatile boolean topicReady;

    /**
     * @param client  the cluster's client properties (bootstrap servers, security)
     * @param known   the silences read from the same topic, to look up the one to expire and to keep
     *                new ids unique; the caller starts and closes it
     * @param timeout how long one write may wait for the cluster
     */
    public SilenceWriter(Properties client, TopicSilences known, Clock clock, Duration timeout) {
        this(client, known, TopicSetup.BROKER_DEFAULT_REPLICATION, clock, timeout);
    }

    /** As above; a topic that must be created gets {@code replication} replicas. */
    public SilenceWriter(Properties client, TopicSilences known, short replication, Clock clock, Duration timeout) {
        this.topic = known.topic();
        this.client = copy(client);
        this.replication = replication;
        this.known = known;
        this.clock = clock;
        this.timeout = timeout;
        Properties props = copy(client);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "paypulse-silence-writer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int ms = (int) Math.max(1_000, timeout.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms + 1_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), NotifySerdes.SILENCE.serializer());
    }

    /** A new silence from now until {@code endsAt}, with a fresh id; written and returned. */
    public Silence add(String rule, String group, Instant endsAt, String comment, String createdBy) {
        Silence s = Silences.create(rule, group, endsAt, comment, createdBy, clock.instant(),
                id -> known.find(id).isPresent());
        return add(s);
    }

    /** Writes {@code silence} (a new one, or a new version of one with the same id). */
    public Silence add(Silence silence) {
        write(silence.id(), silence);
        LOG.debug("Silence {} added: rule {}, group {}, until {}", silence.id(), silence.rule(), silence.group(),
                silence.endsAt());
        return silence;
    }

    /**
     * Ends the silence now. An already ended one is left as it is.
     *
     * @return the silence as it is now (ended), or empty when it had not started and was removed
     * @throws IllegalArgumentException when no silence has that id
     */
    public Optional<Silence> expire(String id) {
        Silence s = known.find(id).orElseThrow(() -> new IllegalArgumentException(
                "No silence has the id '" + id + "'; 'paypulse silence list --all' shows them."));
        Instant now = clock.instant();
        if (!now.isBefore(s.endsAt())) {
            return Optional.of(s);
        }
        if (!now.isAfter(s.startsAt())) {
            forget(id);
            return Optional.empty();
        }
        Silence ended = new Silence(s.id(), s.rule(), s.group(), s.startsAt(), now, s.comment(), s.createdBy());
        write(id, ended);
        LOG.debug("Silence {} expired", id);
        return Optional.of(ended);
    }

    /** Removes a silence from the topic (a tombstone): it disappears from every list. */
    public void forget(String id) {
        write(id, null);
        LOG.debug("Silence {} removed", id);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void write(String id, Silence value) {
        ensureTopic();
        try {
            producer.send(new ProducerRecord<>(topic, id, value)).get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClusterUnreachableException("Could not write silence " + id + " to " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException("Kafka did not confirm silence " + id + " within "
                    + timeout.toSeconds() + " s; check that the cluster is running.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("Interrupted while writing silence " + id + ".", e);
        }
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        synchronized (this) {
            if (!topicReady) {
                Properties props = copy(client);
                props.put(ProducerConfig.CLIENT_ID_CONFIG, "paypulse-silence-setup");
                try (Admin admin = Admin.create(props)) {
                    TopicSetup.ensureCompacted(admin, topic, replication, timeout);
                }
                topicReady = true;
            }
        }
    }

    private static Properties copy(Properties p) {
        Properties out = new Properties();
        out.putAll(p);
        return out;
    }
}

package io.paypulse.notify;

import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences of the compacted topic {@code payment-silences}, shared by the app and headless
 * processors: a daemon thread reads the topic from the beginning (no consumer group, so every
 * reader sees everything), keeps id → {@link Silence}, and applies tombstones.
 *
 * <p>Threads: {@link #start} returns at once; the reader creates the topic if it is missing, reads
 * it and keeps following it, retrying every few seconds while the cluster is away. Every query is
 * thread-safe and reads a snapshot. {@link #awaitLoaded} returns once everything that was in the
 * topic when reading began has been read, so a notifier started after it never delivers what an
 * existing silence covers. A re-read after an error is built aside and swapped in whole, so the
 * view never shows a half-read topic. {@link #close} stops and joins the thread.
 *
 * <p>A record that is not a silence (written by something else) is skipped with a warning naming
 * its offset: there is no dead-letter topic for this one, and one bad record must not hide the rest.
 */
public final class TopicSilences implements SilenceView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSilences.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Comparator<Silence> SOONEST_ENDING = Comparator.comparing(Silence::endsAt)
            .thenComparing(Silence::id);

    private final String topic;
    private volatile Map<String, Silence> byId = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Admin setupAdmin;
    private volatile Thread reader;
    private final Workers workers;

    /** The silences of {@link Topics#SILENCES}. */
    public TopicSilences() {
        this(Topics.SILENCES);
    }

    /** The silences of {@link Topics#SILENCES}, read on a thread from {@code workers}. */
    public TopicSilences(Workers workers) {
        this(Topics.SILENCES, workers);
    }

    /** The silences of another topic (tests use one topic each). */
    public TopicSilences(String topic) {
        this(topic, Workers.standard());
    }

    public TopicSilences(String topic, Workers workers) {
        this.topic = topic;
        this.workers = workers;
    }

    /** Starts reading; a new topic gets the broker's default replication. Returns this. */
    public TopicSilences start(Properties client) {
        return start(client, TopicSetup.BROKER_DEFAULT_REPLICATION);
    }

    /**
     * Starts the reader thread with the cluster's client properties (bootstrap servers, security).
     *
     * @param replication replication factor should the topic have to be created
     * @return this
     */
    public synchronized TopicSilences start(Properties client, short replication) {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        Properties props = new Properties();
        props.putAll(client);
        reader = workers.start("silences-reader", () -> run(props, replication));
        return this;
    }

    /**
     * Waits until the silences that were in the topic when reading began are all known.
     *
     * @return whether they were loaded in time (false: the cluster did not answer; the view is empty)
     */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    @Override
    public List<Silence> active(Instant now) {
        return byId.values().stream().filter(s -> s.activeAt(now)).sorted(SOONEST_ENDING).toList();
    }

    /** Every silence the topic holds (pending, active and ended), soonest ending first. */
    public List<Silence> all() {
        return byId.values().stream().sorted(SOONEST_ENDING).toList();
    }

    public Optional<Silence> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Stops the reader and waits for it (at most a few seconds). */
    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Admin a = setupAdmin;
        if (a != null) {
            a.close(Duration.ZERO); // fails a pending create/describe at once instead of after its timeout
        }
        stopped.countDown();
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Properties client, short replication) {
        while (!closing) {
            try {
                ensureTopic(client, replication);
                follow(client);
            } catch (WakeupException e) {
                if (!closing) {
                    LOG.warn("Reading silences from {} was interrupted; reading again.", topic);
                }
            } catch (KafkaException | ClusterUnreachableException e) {
                if (!closing) {
                    LOG.warn("Cannot read silences from {}: {}; trying again in {} s.", topic, e.getMessage(),
                            RETRY.toSeconds());
                    LOG.debug("silences reader failure", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Silences reader failed; trying again in {} s.", RETRY.toSeconds(), e);
            }
            try {
                if (stopped.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void ensureTopic(Properties client, short replication) {
        try (Admin admin = Admin.create(withClientId(client, "paypulse-silences-setup"))) {
            setupAdmin = admin;
            if (!closing) {
                TopicSetup.ensureCompacted(admin, topic, replication, SETUP_TIMEOUT);
            }
        } finally {
            setupAdmin = null;
        }
    }

    /** Reads the whole topic into a fresh map, swaps it in, then applies new records as they come. */
    private void follow(Properties client) {
        Properties props = withClientId(client, "paypulse-silences");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            if (closing) {
                return;
            }
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map((PartitionInfo p) -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
            Map<String, Silence> fresh = new ConcurrentHashMap<>();
            boolean swapped = false;
            while (!closing) {
                if (!swapped) {
                    end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        byId = fresh;
                        swapped = true;
                        loaded.countDown();
                        LOG.debug("Loaded {} silences from {}", fresh.size(), topic);
                    }
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    apply(fresh, r);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(Map<String, Silence> into, ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            LOG.warn("Ignored a record without a key at {}-{} offset {}: silences are keyed by id.", r.topic(),
                    r.partition(), r.offset());
            return;
        }
        if (r.value() == null) {
            into.remove(r.key());
            return;
        }
        try {
            Silence s = NotifySerdes.SILENCE.deserializer().deserialize(r.topic(), r.value());
            if (!s.id().equals(r.key())) {
                s = new Silence(r.key(), s.rule(), s.group(), s.startsAt(), s.endsAt(), s.comment(), s.createdBy());
            }
            into.put(r.key(), s);
        } catch (RuntimeException e) {
            LOG.warn("Ignored record {} at {}-{} offset {}: it is not a silence ({}).", r.key(), r.topic(),
                    r.partition(), r.offset(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    private static Properties withClientId(Properties client, String clientId) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}

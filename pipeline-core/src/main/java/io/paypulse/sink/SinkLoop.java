package io.paypulse.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mechanism behind every CSV sink: poll, append rows, and every second (or {@link #CHECKPOINT_ROWS}
 * rows, or when idle) fsync the touched files and save a checkpoint of consumer positions and file
 * lengths. {@link #open()} first restores the output directory to the last checkpoint, so rows written
 * after it are cut off and written again from the same offsets: every record lands exactly once.
 *
 * <p>{@link #open()} runs on the caller's thread, {@link #run()} on the sink's thread; the counters
 * and status are read from any thread.
 */
final class SinkLoop<T> {

    static final Duration POLL = Duration.ofMillis(200);
    static final long CHECKPOINT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    static final int CHECKPOINT_ROWS = 10_000;
    static final int MAX_OPEN_FILES = 4;
    private static final long END_CHECK_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();
    private static final long PARTITION_REFRESH_NANOS = Duration.ofSeconds(30).toNanos();
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPIC_LOOKUP_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);

    private final RowFormat<T> format;
    private final String topic;
    private final Map<String, Object> consumerProps;
    private final Path dir;
    private final CheckpointStore store;

    private DirectoryLock lock;
    private Consumer<byte[], byte[]> consumer;
    private OutputFiles files;
    private Checkpoint last;
    private Set<TopicPartition> assigned = Set.of();
    private long pendingRows;
    private long lastCheckpointNanos;
    private long lastEndCheckNanos;
    private long lastRefreshNanos;

    private volatile boolean running = true;
    private final CatchUp catchUp = new CatchUp();
    private volatile Throwable failure;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    SinkLoop(RowFormat<T> format, String topic, Map<String, Object> consumerProps, Path dir) {
        this.format = format;
        this.topic = topic;
        this.consumerProps = Map.copyOf(consumerProps);
        this.dir = dir;
        this.store = new CheckpointStore(dir, format.name());
    }

    String name() {
        return format.name();
    }

    Path dir() {
        return dir;
    }

    long rowsWritten() {
        return rowsWritten.get();
    }

    long skipped() {
        return skipped.get();
    }

    boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Waits until a look-up of the end offsets begun after this call finds everything checkpointed. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return catchUp.await(timeout, () -> failure != null || !running);
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void stop() {
        running = false;
    }

    /** Locks the output directory for this sink, restores it to the last checkpoint, and creates the consumer. */
    void open() throws IOException {
        Files.createDirectories(dir);
        lock = DirectoryLock.acquire(dir, format.name());
        try {
            Optional<Checkpoint> loaded = store.load();
            Checkpoint cp;
            if (loaded.isPresent()) {
                cp = loaded.get();
                if (!topic.equals(cp.topic())) {
                    throw new IllegalStateException(store.path() + " belongs to topic '" + cp.topic() + "' but this sink reads '"
                            + topic + "'. Use another output directory, or delete the checkpoint to rebuild the files.");
                }
                cp = Recovery.restore(dir, format.fileNames(), cp);
            } else {
                Recovery.setAside(dir, format.fileNames(), format.name(), Instant.now());
                cp = Checkpoint.of(format.name(), topic, Map.of(), Map.of());
            }
            store.save(cp); // from here on, a file the checkpoint does not list was created after it
            last = cp;
            files = new OutputFiles(dir, format.header(), cp.files(), MAX_OPEN_FILES);
            consumer = new KafkaConsumer<>(consumerConfig());
            LOG.info("CSV sink '{}' resumes topic {} at offsets {} into {}", format.name(), topic, cp.offsets(), dir);
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** The sink thread: until {@link #stop()}, then a last checkpoint. Failures end the loop and are kept in {@link #failure()}. */
    void run() {
        try {
            assignPartitions();
            long now = System.nanoTime();
            lastCheckpointNanos = now;
            lastRefreshNanos = now;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    catchUp.behind();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    accept(r);
                }
                now = System.nanoTime();
                boolean saved = false;
                if (records.isEmpty() || pendingRows >= CHECKPOINT_ROWS || now - lastCheckpointNanos >= CHECKPOINT_INTERVAL_NANOS) {
                    saved = checkpoint();
                }
                if (saved || (records.isEmpty() && now - lastEndCheckNanos >= END_CHECK_INTERVAL_NANOS)) {
                    updateCaughtUp();
                }
                if (now - lastRefreshNanos >= PARTITION_REFRESH_NANOS) {
                    refreshPartitions();
                }
            }
            if (!assigned.isEmpty()) {
                checkpoint();
            }
        } catch (Throwable t) {
            failure = t;
            catchUp.set(false, System.nanoTime());
            LOG.error("CSV sink '{}' stopped: {}. Rows after its last checkpoint will be written again at the next start.",
                    format.name(), t.toString(), t);
        } finally {
            closeResources();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) throws IOException {
        if (r.value() == null) {
            return; // a tombstone is not a row
        }
        String file;
        List<String> cells;
        try {
            T value = format.read(r.topic(), r.value());
            if (value == null || !format.include(value)) {
                return;
            }
            file = format.fileName(value);
            cells = format.cells(value);
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            LOG.warn("CSV sink '{}' skips record {}-{} offset {}: cannot make a row of it ({})",
                    format.name(), r.topic(), r.partition(), r.offset(), e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        files.append(file, cells);
        pendingRows++;
    }

    /** Makes rows durable and records how far they go; false if there was nothing new to record. */
    private boolean checkpoint() throws IOException {
        Map<Integer, Long> positions = new TreeMap<>();
        try {
            for (TopicPartition tp : assigned) {
                positions.put(tp.partition(), consumer.position(tp, KAFKA_TIMEOUT));
            }
        } catch (TimeoutException e) {
            LOG.debug("CSV sink '{}': positions not known yet, checkpoint postponed", format.name());
            return false;
        }
        lastCheckpointNanos = System.nanoTime();
        if (pendingRows == 0 && positions.equals(last.offsets())) {
            return false;
        }
        Map<String, Long> lengths = files.sync();
        Checkpoint cp = Checkpoint.of(format.name(), topic, positions, lengths);
        store.save(cp);
        last = cp;
        rowsWritten.addAndGet(pendingRows);
        pendingRows = 0;
        return true;
    }

    private void updateCaughtUp() {
        long started = System.nanoTime();
        lastEndCheckNanos = started;
        if (assigned.isEmpty()) {
            catchUp.set(false, started);
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(assigned, KAFKA_TIMEOUT); // the last stable offsets, as we read committed
        } catch (TimeoutException e) {
            catchUp.set(false, started);
            return;
        }
        boolean all = pendingRows == 0;
        for (TopicPartition tp : assigned) {
            Long done = last.offsets().get(tp.partition());
            Long end = ends.get(tp);
            if (done == null || end == null || done < end) {
                all = false;
            }
        }
        catchUp.set(all, started);
    }

    private void assignPartitions() throws InterruptedException {
        boolean logged = false;
        while (running) {
            List<PartitionInfo> infos = partitions();
            if (!infos.isEmpty()) {
                assign(infos);
                return;
            }
            if (!logged) {
                LOG.info("CSV sink '{}' waits for topic {} to exist", format.name(), topic);
                logged = true;
            }
            Thread.sleep(500);
        }
    }

    private void refreshPartitions() {
        lastRefreshNanos = System.nanoTime();
        List<PartitionInfo> infos = partitions();
        if (infos.size() > assigned.size()) {
            assign(infos);
        }
    }

    private List<PartitionInfo> partitions() {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TOPIC_LOOKUP_TIMEOUT);
            return infos == null ? List.of() : infos;
        } catch (TimeoutException e) {
            return List.of();
        }
    }

    /** Assigns every partition; a new one starts at its checkpointed offset, or at the beginning. */
    private void assign(List<PartitionInfo> infos) {
        Set<TopicPartition> all = new HashSet<>();
        for (PartitionInfo p : infos) {
            all.add(new TopicPartition(p.topic(), p.partition()));
        }
        all.addAll(assigned);
        consumer.assign(all);
        for (TopicPartition tp : all) {
            if (assigned.contains(tp)) {
                continue;
            }
            Long offset = last.offsets().get(tp.partition());
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        assigned = Set.copyOf(all);
        LOG.info("CSV sink '{}' reads {} partition(s) of {}", format.name(), assigned.size(), topic);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>(consumerProps);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "paypulse-csv-sink-" + format.name());
        return c;
    }

    private void closeResources() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                LOG.warn("CSV sink '{}': closing files failed: {}", format.name(), e.toString());
            }
        }
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(KAFKA_TIMEOUT));
            } catch (RuntimeException e) {
                LOG.warn("CSV sink '{}': closing the consumer failed: {}", format.name(), e.toString());
            }
        }
        releaseLock();
    }

    private void releaseLock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("CSV sink '{}': releasing the lock failed: {}", format.name(), e.toString());
            }
            lock = null;
        }
    }
}

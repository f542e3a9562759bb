package io.paypulse.sink;

import io.paypulse.files.DiskErrors;
import io.paypulse.files.ExclusiveFileLock;
import io.paypulse.files.FileModes;
import io.paypulse.schema.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * <p>When writing fails (a full disk, typically) the loop does not end: it drops what it had not made
 * durable, puts the files back to the last checkpoint (so no torn row stays in them), rewinds the consumer
 * to the checkpointed offsets, reports a {@link WriteStall}, and retries with a growing pause (while the disk
 * is full, only once there is {@link #ROOM_BYTES} of free space). Exactly-once holds by the same rule as
 * a restart: the records after the checkpoint produce the same rows again.
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
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    /** While the disk is full, check this often whether space was freed (a cheap statfs, no write). */
    static final Duration SPACE_CHECK = Duration.ofMillis(500);
    /** Free space a retry waits for after "disk full", so it does not tear a row again at once. */
    static final long ROOM_BYTES = 2L * CsvWriter.BUFFER_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);

    private final RowFormat<T> format;
    private final String topic;
    private final Map<String, Object> consumerProps;
    private final Path dir;
    private final CheckpointStore store;
    private final FileModes modes;

    private ExclusiveFileLock lock;
    private Consumer<byte[], byte[]> consumer;
    private OutputFiles files;
    /** The row being made, reused record after record (the sink thread's only). */
    private final CsvRow row = new CsvRow();
    private Checkpoint last;
    private Set<TopicPartition> assigned = Set.of();
    private long pendingRows;
    private long lastCheckpointNanos;
    private long lastEndCheckNanos;
    private long lastRefreshNanos;
    private boolean restorePending;
    private long retryDelayNanos;
    private long retryAtNanos;

    private volatile boolean running = true;
    private final CatchUp catchUp = new CatchUp();
    private volatile Throwable failure;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long pendingRejected;
    private volatile WriteStall stall;
    private final Object wakeUp = new Object();

    SinkLoop(RowFormat<T> format, String topic, Map<String, Object> consumerProps, Path dir) {
        this(format, topic, consumerProps, dir, FileModes.PRIVATE);
    }

    SinkLoop(RowFormat<T> format, String topic, Map<String, Object> consumerProps, Path dir, FileModes modes) {
        this.format = format;
        this.topic = topic;
        this.consumerProps = Map.copyOf(consumerProps);
        this.dir = dir;
        this.modes = modes;
        this.store = new CheckpointStore(dir, format.name(), modes);
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

    long rejected() {
        return rejected.get();
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

    /** Present while writing fails and the sink retries; empty while it writes normally. */
    Optional<WriteStall> stall() {
        return Optional.ofNullable(stall);
    }

    void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Locks the output directory for this sink, restores it to the last checkpoint, and creates the consumer. */
    void open() throws IOException {
        modes.createDirectories(dir);
        lock = ExclusiveFileLock.tryAcquire(dir.resolve(".paypulse-sink-" + format.name() + ".lock"), modes)
                .orElseThrow(() -> new SinkDirectoryBusyException("Another CSV sink '" + format.name()
                        + "' is already writing in " + dir + "; stop it first or use another output directory."));
        try {
            Optional<Checkpoint> loaded = store.load();
            Checkpoint cp;
            if (loaded.isPresent()) {
                cp = loaded.get();
                if (topic.equals(cp.topic())) {
                    cp = Recovery.restore(dir, format.fileNames(), cp);
                } else if (format.formerTopics().contains(cp.topic())) {
                    cp = upgrade(cp);
                } else {
                    throw new IllegalStateException(store.path() + " belongs to topic '" + cp.topic() + "' but this sink reads '"
                            + topic + "'. Use another output directory, or delete the checkpoint to rebuild the files.");
                }
            } else {
                Recovery.setAside(dir, format.fileNames(), format.name(), Instant.now(), modes);
                cp = Checkpoint.of(format.name(), topic, Map.of(), Map.of());
            }
            last = cp;
            files = new OutputFiles(dir, format.header(), cp.files(), MAX_OPEN_FILES, modes);
            try {
                store.save(cp); // from here on, a file the checkpoint does not list was created after it
            } catch (IOException e) {
                if (!DiskErrors.isDiskFull(e)) {
                    throw e;
                }
                stalled(e); // a full disk at start: wait for space like a full disk later on
            }
            consumer = new KafkaConsumer<>(consumerConfig());
            LOG.info("CSV sink '{}' resumes topic {} at offsets {} into {}", format.name(), topic, cp.offsets(), dir);
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /**
     * The checkpoint is from an earlier version of this sink that read another topic (the parsed sink read
     * {@code payment-parsed} before issue 11): its offsets mean nothing here. Like a start without a
     * checkpoint, the files are moved aside (as they are: whole or not, they are an archive, and may hold
     * rows the topic has lost to retention), together with the old checkpoint that tells how many bytes of
     * each were durable, and everything is rebuilt from the beginning of the topic. One INFO line says so.
     */
    private Checkpoint upgrade(Checkpoint old) throws IOException {
        Optional<Recovery.Aside> aside = Recovery.moveAside(dir, format.fileNames(), format.name(), Instant.now(), modes);
        if (aside.isPresent()) {
            Files.copy(store.path(), aside.get().folder().resolve(store.path().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("CSV sink '{}' now reads topic {} (it read {} before): rebuilding its files in {} from the beginning of {}; {}",
                format.name(), topic, old.topic(), dir, topic, aside.map(a -> a.files() + " earlier file(s) and their checkpoint moved to "
                        + a.folder()).orElse("there were no earlier files"));
        return Checkpoint.of(format.name(), topic, Map.of(), Map.of());
    }

    /** The sink thread: until {@link #stop()}, then a last checkpoint. Failures end the loop and are kept in {@link #failure()}. */
    void run() {
        try {
            assignPartitions();
            long now = System.nanoTime();
            lastCheckpointNanos = now;
            lastRefreshNanos = now;
            while (running) {
                if (stall != null && !awaitRetry()) {
                    continue;
                }
                try {
                    step();
                } catch (IOException e) {
                    stalled(e);
                }
            }
            finish();
        } catch (Throwable t) {
            failure = t;
            catchUp.set(false, System.nanoTime());
            if (files != null) {
                files.abandon(); // rows after the checkpoint are written again at the next start
            }
            LOG.error("CSV sink '{}' stopped: {}. Rows after its last checkpoint will be written again at the next start.",
                    format.name(), t.toString(), t);
        } finally {
            closeResources();
        }
    }

    /** One poll: rows appended, and a checkpoint when one is due. */
    private void step() throws IOException {
        if (restorePending) {
            restoreToCheckpoint();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
            catchUp.behind();
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            accept(r);
        }
        long now = System.nanoTime();
        boolean saved = false;
        if (records.isEmpty() || pendingRows >= CHECKPOINT_ROWS || now - lastCheckpointNanos >= CHECKPOINT_INTERVAL_NANOS) {
            saved = checkpoint();
        }
        if (saved && stall != null) {
            resumed(); // rows were made durable again
        }
        if (saved || (records.isEmpty() && now - lastEndCheckNanos >= END_CHECK_INTERVAL_NANOS)) {
            updateCaughtUp();
        }
        if (now - lastRefreshNanos >= PARTITION_REFRESH_NANOS) {
            refreshPartitions();
        }
    }

    /** On stop: a last checkpoint; if the disk refuses it, the files are cut back to the previous one. */
    private void finish() {
        if (assigned.isEmpty() || restorePending) {
            cutBackQuietly();
            return;
        }
        try {
            checkpoint();
        } catch (IOException e) {
            LOG.warn("CSV sink '{}' could not save a last checkpoint in {} ({}); rows after the previous one will be "
                    + "written again at the next start.", format.name(), dir, e.getMessage());
            cutBackQuietly();
        }
    }

    /**
     * Writing failed: drop what was not durable, put the files back to the last checkpoint, rewind, and
     * report the stall once (a WARN sentence naming the folder). The loop retries after a growing pause.
     */
    private void stalled(IOException e) {
        if (files != null) {
            files.abandon();
        }
        pendingRows = 0;
        pendingRejected = 0;
        catchUp.set(false, System.nanoTime());
        boolean full = DiskErrors.isDiskFull(e);
        restorePending = true;
        try {
            store.discardTemp(); // a half-written checkpoint must not hold space
            restoreToCheckpoint();
        } catch (IOException again) {
            LOG.debug("CSV sink '{}': cutting the files back failed too, will retry: {}", format.name(), again.toString());
        }
        long now = System.nanoTime();
        retryDelayNanos = stall == null ? FIRST_RETRY.toNanos() : Math.min(MAX_RETRY.toNanos(), retryDelayNanos * 2);
        retryAtNanos = now + retryDelayNanos;
        String detail = e.getMessage() == null ? e.toString() : e.getMessage();
        if (stall == null || stall.diskFull() != full) {
            WriteStall s = new WriteStall(format.name(), dir, full, full ? "No space left on device" : detail,
                    stall == null ? Instant.now() : stall.since());
            stall = s;
            LOG.warn(s.sentence());
            LOG.debug("CSV sink '{}' write failure", format.name(), e);
        } else {
            LOG.debug("CSV sink '{}' still cannot write ({}); next try in {} ms", format.name(), detail,
                    retryDelayNanos / 1_000_000);
        }
    }

    private void resumed() {
        WriteStall s = stall;
        stall = null;
        retryDelayNanos = 0;
        double seconds = Duration.between(s.since(), Instant.now()).toMillis() / 1000.0;
        LOG.info("CSV sink '{}' writes to {} again after {} s; no row was lost or written twice.", format.name(), dir,
                String.format(Locale.ROOT, "%.1f", seconds));
    }

    /**
     * Waits for the next retry (or {@link #stop()}). While the disk is full, a retry also waits until the
     * folder has {@link #ROOM_BYTES} free, checked every {@link #SPACE_CHECK}, without writing.
     *
     * @return true to try writing now
     */
    private boolean awaitRetry() throws InterruptedException {
        synchronized (wakeUp) {
            long left;
            while (running && (left = retryAtNanos - System.nanoTime()) > 0) {
                wakeUp.wait(Math.max(1, left / 1_000_000));
            }
        }
        if (!running) {
            return false;
        }
        WriteStall s = stall;
        if (s != null && s.diskFull() && usableSpace() < ROOM_BYTES) {
            retryAtNanos = System.nanoTime() + SPACE_CHECK.toNanos();
            return false;
        }
        return true;
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the write itself tell
        }
    }

    /**
     * Puts the folder back to the checkpoint on disk (which is {@link #last}, or a newer one if a save failed
     * only after its rename) and rewinds the consumer to its offsets. Needs no free space unless the
     * checkpoint must forget files someone removed.
     */
    private void restoreToCheckpoint() throws IOException {
        Optional<Checkpoint> onDisk = store.load();
        Checkpoint cp = Recovery.restore(dir, format.fileNames(), onDisk.orElse(last));
        if (onDisk.isEmpty() || !cp.equals(onDisk.get())) {
            store.save(cp);
        }
        last = cp;
        files = new OutputFiles(dir, format.header(), cp.files(), MAX_OPEN_FILES, modes);
        if (consumer != null) {
            for (TopicPartition tp : assigned) {
                seekToCheckpoint(tp);
            }
        }
        pendingRows = 0;
        pendingRejected = 0;
        restorePending = false;
    }

    private void cutBackQuietly() {
        if (files != null) {
            files.abandon();
        }
        try {
            store.load().ifPresent(cp -> {
                try {
                    Recovery.restore(dir, format.fileNames(), cp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.debug("CSV sink '{}': cutting the files back failed; the next start does it", format.name(), e);
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) throws IOException {
        String file;
        try {
            T value;
            try {
                value = format.read(r);
            } catch (SchemaRegistryException e) {
                throw new RegistryUnavailable(e); // not the record's fault: retried from the checkpoint, nothing skipped
            }
            if (value == null) {
                if (format.noRowMeansRejected()) {
                    pendingRejected++; // the processor's DLQ has it, with the reason
                }
                return;
            }
            if (!format.include(value)) {
                return;
            }
            file = format.fileName(value);
            row.clear();
            format.row(value, row);
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            LOG.warn("CSV sink '{}' skips record {}-{} offset {}: cannot make a row of it ({})",
                    format.name(), r.topic(), r.partition(), r.offset(), e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        files.append(file, row);
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
        rejected.addAndGet(pendingRejected);
        pendingRows = 0;
        pendingRejected = 0;
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
        if (all && stall != null) {
            resumed(); // nothing left to write; before the answer, so a waiter never sees "caught up" while stalled
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
            seekToCheckpoint(tp);
        }
        assigned = Set.copyOf(all);
        LOG.info("CSV sink '{}' reads {} partition(s) of {}", format.name(), assigned.size(), topic);
    }

    private void seekToCheckpoint(TopicPartition tp) {
        Long offset = last.offsets().get(tp.partition());
        if (offset != null) {
            consumer.seek(tp, offset);
        } else {
            consumer.seekToBeginning(List.of(tp));
        }
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

    /**
     * The Schema Registry could not be asked for a record's schema within the reader's wait. Handled like
     * a failed write: back to the checkpoint, retry with a growing pause, reported as a {@link WriteStall}.
     */
    static final class RegistryUnavailable extends IOException {

        RegistryUnavailable(SchemaRegistryException cause) {
            // The reader's own message goes on about the processor; the first failure says what happened.
            super("the Schema Registry did not answer (" + strip((cause.getCause() instanceof SchemaRegistryException first
                    ? first : cause).getMessage()) + ")", cause);
        }

        private static String strip(String message) {
            return message == null ? "no detail" : message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        }
    }
}

package io.paypulse.process;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.files.AtomicFiles;
import io.paypulse.files.ExclusiveFileLock;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who this processor instance is, the same across restarts on the same data directory, so that a
 * restart after a crash takes the dead instance's place at once instead of waiting for it to time
 * out (issue 10 §2):
 * <ul>
 *   <li>its consumer-group {@code group.instance.id} (static membership): the coordinator hands the
 *       dead member's partitions to the restarted one without waiting out its session;</li>
 *   <li>its transactional ids (see {@link StableTransactionalIds}): the restarted producer's
 *       {@code initTransactions} fences and aborts the killed instance's open transaction, so
 *       read-committed readers are not held back until it times out.</li>
 * </ul>
 * Kafka Streams keeps its own process id on disk only when the topology has a persistent store
 * ({@code StateDirectory.initializeProcessId}); ours has only in-memory stores, so we keep one.
 *
 * <p>The id lives in {@code <data-dir>/streams/paypulse-instance-id}. Two live instances must
 * never share it (they would fence each other's transactions in a loop), so {@link #acquire}
 * takes an OS lock on {@code paypulse-instance.lock} next to it, held until {@link #close()}; the
 * OS drops it when the process dies. {@code --fresh} deletes the directory and so the id.
 */
public final class InstanceIdentity implements AutoCloseable {

    static final String ID_FILE = "paypulse-instance-id";
    static final String LOCK_FILE = "paypulse-instance.lock";

    private final String applicationId;
    private final UUID id;
    private final ExclusiveFileLock lock;

    private InstanceIdentity(String applicationId, UUID id, ExclusiveFileLock lock) {
        this.applicationId = applicationId;
        this.id = id;
        this.lock = lock;
    }

    /**
     * Locks {@code stateDir} for this instance and reads its id, creating one on first use.
     *
     * @throws ConfigException (naming {@code data-dir}) when another live processor holds the lock
     * @throws UncheckedIOException when the directory cannot be written
     */
    public static InstanceIdentity acquire(Path stateDir, String applicationId) {
        try {
            Files.createDirectories(stateDir);
            ExclusiveFileLock l = ExclusiveFileLock.tryAcquire(stateDir.resolve(LOCK_FILE), FileModes.PRIVATE)
                    .orElseThrow(() -> new ConfigException("Another processor is already running on the data directory "
                            + stateDir.getParent() + "; give each instance its own --data-dir (setting "
                            + ConfigKeys.DATA_DIR + ")."));
            try {
                return new InstanceIdentity(applicationId, readOrCreate(stateDir.resolve(ID_FILE)), l);
            } catch (IOException | RuntimeException e) {
                l.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the processor's identity in " + stateDir, e);
        }
    }

    private static UUID readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                return UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException unreadable) {
                // A torn or edited file: a new id only costs one slow restart, so do not refuse to start.
            }
        }
        UUID fresh = UUID.randomUUID();
        AtomicFiles.write(file, (fresh + "\n").getBytes(StandardCharsets.US_ASCII), FileModes.PRIVATE);
        return fresh;
    }

    /** The id kept in the data directory. */
    public UUID id() {
        return id;
    }

    /** Static-membership id; Kafka Streams appends {@code -<thread index>} per stream thread. */
    public String groupInstanceId() {
        return applicationId + "-" + id;
    }

    /** The transactional id of stream thread {@code threadIndex}: stable, unique per instance. */
    public String transactionalId(String threadIndex) {
        return applicationId + "-" + id + "-" + threadIndex;
    }

    /** Releases the lock; the id stays on disk for the next start. */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.paypulse.broker;

import io.paypulse.files.ExclusiveFileLock;
import io.paypulse.files.FileModes;
import io.paypulse.threads.Workers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>Kafka's data lives in {@code dataDir/kafka} and survives restarts: the directory is formatted
 * (with a new cluster id) only when its {@code meta.properties} is missing, never again after. A
 * {@link ExclusiveFileLock file lock} on {@code dataDir/kafka.lock}, taken before anything else
 * starts, keeps two brokers off one data directory; the operating system drops it when the holder
 * dies, so a lock file left behind by a killed process is simply locked again.
 *
 * <p>The broker listens for clients on {@code localhost:port} (PLAINTEXT); the controller listens
 * on a free ephemeral port on 127.0.0.1 chosen at each start. While a broker is open, Kafka's
 * {@code Exit.exit/halt} calls are turned into logged errors (see {@link ExitGuard}).
 *
 * <p>This class configures no logging and registers no shutdown hook; callers add their own and
 * call {@link #close()}, which is idempotent.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    static final String BROKER_HOST = "localhost";
    static final String CONTROLLER_HOST = "127.0.0.1";
    static final String KAFKA_SUBDIR = "kafka";
    static final String LOCK_FILE = "kafka.lock";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Attempts to bind a port we picked ourselves, in case another process takes it meanwhile. */
    private static final int PICKED_PORT_ATTEMPTS = 3;
    /** After a fatal failure Kafka's shutdown can wait minutes on a dead log directory: give it this long. */
    static final Duration FAILED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaRaftServer server;
    private final DirLock lock;
    private final int port;
    private final String clusterId;
    private final Duration startupTime;
    private final FailureWatch watch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Workers workers;

    private EmbeddedBroker(KafkaRaftServer server, DirLock lock, int port, String clusterId, Duration startupTime,
            FailureWatch watch, Workers workers) {
        this.workers = workers;
        this.server = server;
        this.watch = watch;
        this.lock = lock;
        this.port = port;
        this.clusterId = clusterId;
        this.startupTime = startupTime;
    }

    /**
     * Starts the broker (formatting {@code dataDir/kafka} only when {@code meta.properties} is
     * missing) and blocks until a client can use it, at most 60 s.
     *
     * @throws BrokerException with a plain sentence when the data directory is in use or not
     *                         writable, an explicit port is taken, or the broker does not come up
     */
    public static EmbeddedBroker start(BrokerOptions options) throws BrokerException {
        return start(options, Workers.standard());
    }

    /** Like {@link #start(BrokerOptions)}; the threads that bound its start and failed stop come from {@code workers}. */
    public static EmbeddedBroker start(BrokerOptions options, Workers workers) throws BrokerException {
        long startNanos = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        createDirectories(dataDir, options.modes());
        DirLock lock = DirLock.acquire(dataDir, options.modes());
        FailureWatch watch = new FailureWatch(dataDir);
        ExitGuard.acquire(watch);
        boolean started = false;
        try {
            int port = choosePort(options);
            Path kafkaDir = dataDir.resolve(KAFKA_SUBDIR);
            createDirectories(kafkaDir, options.modes());
            String clusterId = formatIfNeeded(kafkaDir);
            long deadline = startNanos + STARTUP_TIMEOUT.toNanos();
            for (int attempt = 1; ; attempt++) {
                try {
                    KafkaRaftServer server = startServer(kafkaDir, port, deadline, workers);
                    Duration startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
                    EmbeddedBroker broker = new EmbeddedBroker(server, lock, port, clusterId, startupTime, watch, workers);
                    LOG.info("Broker ready on {}:{} in {} s", BROKER_HOST, port,
                            String.format(Locale.ROOT, "%.1f", startupTime.toMillis() / 1000.0));
                    started = true;
                    return broker;
                } catch (PortTakenException e) {
                    if (options.portExplicit() && port == options.port()) {
                        throw portInUse(port, e.getCause());
                    }
                    if (attempt >= PICKED_PORT_ATTEMPTS) {
                        throw new BrokerException("The embedded broker could not bind a port on " + BROKER_HOST
                                + " after " + attempt + " attempts. Choose a port with --broker-port.", e.getCause());
                    }
                    int next = PortProbe.freePort(BROKER_HOST);
                    LOG.warn("Port {} was taken while the embedded broker started; retrying on port {}", port, next);
                    port = next;
                }
            }
        } finally {
            if (!started) {
                ExitGuard.release(watch);
                lock.release();
            }
        }
    }

    /** Where clients connect, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return BROKER_HOST + ":" + port;
    }

    /** The PLAINTEXT port on localhost actually in use (never 0). */
    public int port() {
        return port;
    }

    /** From the call to {@link #start} until the broker answered a client. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The Kafka cluster id stored in {@code dataDir/kafka/meta.properties}; stable across restarts. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Why the broker stopped working, if Kafka hit a fatal error (typically: its log directory failed because
     * the disk is full); the message is one sentence naming the cause and the folder. The broker then serves
     * nothing more: close it.
     */
    public Optional<BrokerException> failure() {
        return watch.failure();
    }

    /**
     * Calls {@code listener} once if the broker fails (at once if it already has), on the Kafka thread that
     * failed: keep it short, e.g. interrupt a waiting thread.
     */
    public void onFailure(Consumer<BrokerException> listener) {
        watch.onFailure(listener);
    }

    /**
     * Stops the broker cleanly and releases the data directory. Calling it again does nothing. After a
     * {@link #failure()} it waits at most {@link #FAILED_SHUTDOWN_TIMEOUT} for Kafka's shutdown (which can
     * otherwise wait minutes on the dead log directory) and then leaves its threads to the process exit.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            if (watch.failure().isPresent()) {
                shutdownBounded();
            } else {
                server.shutdown();
                server.awaitShutdown();
            }
        } catch (RuntimeException e) {
            LOG.warn("The embedded broker on {} did not stop cleanly", bootstrapServers(), e);
        } finally {
            ExitGuard.release(watch);
            lock.release();
        }
        LOG.info("Broker on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void shutdownBounded() {
        Thread stopper = workers.start("broker-shutdown", () -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.debug("Shutdown of the failed broker", e);
            }
        });
        try {
            stopper.join(FAILED_SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("The failed embedded broker did not stop within {} s; its threads end with the process",
                    FAILED_SHUTDOWN_TIMEOUT.toSeconds());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static int choosePort(BrokerOptions options) {
        int requested = options.port();
        if (requested == 0) {
            return PortProbe.freePort(BROKER_HOST);
        }
        if (PortProbe.isFree(BROKER_HOST, requested)) {
            return requested;
        }
        if (options.portExplicit()) {
            throw portInUse(requested, null);
        }
        int chosen = PortProbe.freePort(BROKER_HOST);
        LOG.warn("Port {} is in use; the embedded broker uses port {} instead", requested, chosen);
        return chosen;
    }

    private static BrokerException portInUse(int port, Throwable cause) {
        return new BrokerException("Port " + port
                + " is already in use. Free it or choose another port with --broker-port.", cause);
    }

    private static void createDirectories(Path dir, FileModes modes) {
        try {
            modes.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerException("Cannot create the data directory " + dir
                    + ". Make it writable or choose another one with --data-dir.", e);
        }
    }

    /** Formats {@code kafkaDir} only when it has no meta.properties; returns the cluster id either way. */
    private static String formatIfNeeded(Path kafkaDir) {
        Path meta = kafkaDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .addDirectory(kafkaDir.toString())
                    .setMetadataLogDirectory(kafkaDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(false)
                    .run();
        } catch (Exception e) {
            throw new BrokerException("Cannot prepare the Kafka data directory " + kafkaDir
                    + ". Delete it to start with an empty broker, or choose another one with --data-dir.", e);
        }
        LOG.info("Formatted new Kafka data directory {} (cluster id {})", kafkaDir, clusterId);
        LOG.debug("Formatter output: {}", out.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    private static String readClusterId(Path meta) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new BrokerException("Cannot read " + meta
                    + ". Check its permissions, or choose another data directory with --data-dir.", e);
        }
        String id = props.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new BrokerException(meta + " has no cluster.id. Delete " + meta.getParent()
                    + " to start with an empty broker, or choose another data directory with --data-dir.");
        }
        return id;
    }

    static Properties brokerConfig(Path kafkaDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + CONTROLLER_HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + BROKER_HOST + ":" + port
                + "," + CONTROLLER_LISTENER + "://" + CONTROLLER_HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + BROKER_HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", kafkaDir.toString());
        // One node: every internal topic has one replica, and exactly-once needs min ISR 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // A desktop-sized broker: the default 128 MiB cleaner buffer would be most of a small heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // After a crash (kill -9, power loss) the controller keeps the dead incarnation's session
        // until it expires, and refuses the restarted broker's registration until then: 9 s with
        // the default. Heartbeats are in-process here, so a short session is safe.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // A processor killed mid-transaction (no persistent stores, so its restart gets a new
        // transactional id and cannot fence it) holds back read_committed readers of everything it
        // wrote until the broker aborts the transaction; check for timed-out ones every second, not 10 s.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    /**
     * Starts a KafkaRaftServer and waits until a client can talk to it. A failure to bind the
     * broker port surfaces as {@link PortTakenException} after the half-started server is stopped.
     */
    private static KafkaRaftServer startServer(Path kafkaDir, int port, long deadlineNanos, Workers workers) {
        int controllerPort = PortProbe.freePortExcept(CONTROLLER_HOST, port);
        KafkaRaftServer server;
        try {
            KafkaConfig config = KafkaConfig.fromProps(brokerConfig(kafkaDir, port, controllerPort), false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new BrokerException("The embedded broker rejected its configuration. This is a bug in PayPulse;"
                    + " please report it with the log.", e);
        }
        try {
            runStartup(server, deadlineNanos, workers);
            awaitClient(BROKER_HOST + ":" + port, deadlineNanos);
            return server;
        } catch (RuntimeException e) {
            stopQuietly(server);
            if (causedByBind(e)) {
                throw new PortTakenException(e);
            }
            throw e;
        }
    }

    /** server.startup() runs on its own thread so a hung start cannot block the caller past the deadline. */
    private static void runStartup(KafkaRaftServer server, long deadlineNanos, Workers workers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        workers.start("broker-startup", () -> {
            try {
                server.startup();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw notReady(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BrokerException be) {
                throw be;
            }
            throw new BrokerException("The embedded Kafka broker failed to start. See the log above for"
                    + " Kafka's reason, then fix it or choose another data directory with --data-dir.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("The embedded broker start was interrupted. Start PayPulse again.", e);
        }
    }

    /** Blocks until Admin.describeCluster lists our node, i.e. the broker is registered and unfenced. */
    private static void awaitClient(String bootstrap, long deadlineNanos) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "paypulse-broker-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (remaining(deadlineNanos) > 0) {
                try {
                    if (!admin.describeCluster().nodes().get(remaining(deadlineNanos), TimeUnit.NANOSECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerException("The embedded broker start was interrupted. Start PayPulse again.", e);
                }
            }
        }
        throw notReady(last);
    }

    private static BrokerException notReady(Throwable cause) {
        return new BrokerException("The embedded Kafka broker did not become ready within "
                + STARTUP_TIMEOUT.toSeconds() + " s. Check the log for Kafka errors; a slow or full disk"
                + " under the data directory is a common cause.", cause);
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("Error while stopping a broker that failed to start", e);
        }
    }

    private static boolean causedByBind(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
            String message = c.getMessage();
            if (message != null && message.contains("failed to bind")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The broker port was taken between our probe and Kafka's bind. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(Throwable cause) {
            super(cause);
        }
    }

    /** Our own exclusive lock on {@code dataDir/kafka.lock}, held for the broker's lifetime. */
    private static final class DirLock {
        private final ExclusiveFileLock held;

        private DirLock(ExclusiveFileLock held) {
            this.held = held;
        }

        static DirLock acquire(Path dataDir, FileModes modes) {
            Path file = dataDir.resolve(LOCK_FILE);
            try {
                return new DirLock(ExclusiveFileLock.tryAcquire(file, modes).orElseThrow(() -> new BrokerException(
                        "Another PayPulse broker is already using " + dataDir + ". Stop it or use --data-dir.")));
            } catch (ExclusiveFileLock.CannotOpenException e) {
                throw new BrokerException("Cannot create the lock file " + file
                        + ". Make the data directory writable or choose another one with --data-dir.", e.getCause());
            } catch (IOException e) {
                throw new BrokerException("Cannot lock " + file
                        + ". Make the data directory writable or choose another one with --data-dir.", e);
            }
        }

        void release() {
            try {
                held.close();
            } catch (IOException e) {
                LOG.debug("Releasing the broker lock failed", e);
            }
        }
    }
}

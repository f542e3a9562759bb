package io.paypulse.process;

import io.paypulse.alert.AlertRule;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.TopicsReady;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.schema.RawEventReader;
import io.paypulse.health.HealthReport;
import io.paypulse.health.HealthServer;
import io.paypulse.health.LagSampler;
import io.paypulse.health.PrometheusMetrics;
import io.paypulse.notify.AlertNotifier;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.ContactPointStatus;
import io.paypulse.notify.NotificationsFile;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.NotifierOptions;
import io.paypulse.notify.SilenceView;
import io.paypulse.notify.TopicSilences;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.sink.CsvSink;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor instance: the Kafka Streams topology plus (optionally) the CSV sinks, against any
 * cluster. Several instances with the same application id share the work (a consumer group).
 * {@link #start()} returns once Streams is running; {@link #close()} stops everything and is
 * idempotent. Not thread-safe for start/close; the getters may be read from any thread.
 */
public final class ProcessorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SILENCES_WAIT = Duration.ofSeconds(15);
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(3);

    private final PayPulseConfig config;
    private final Workers workers;
    private final List<AlertRule> rules;
    private final Notifications notifications;
    private final SilenceView silences;
    private volatile AlertNotifier notifier;
    /** The cluster's silences when this service reads them itself (constructed without a view). */
    private TopicSilences ownSilences;
    private final ProcessorStats stats = new ProcessorStats();
    private final List<CsvSink> sinks = new ArrayList<>();
    private SinkTakeover sinkTakeover;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Runnable> failureListeners = new CopyOnWriteArrayList<>();
    private volatile KafkaStreams streams;
    private StreamsConsumerLag lag;
    private InstanceIdentity identity;
    private PrometheusMetrics metrics;
    private HealthServer http;

    /**
     * A processor that delivers the notifications of its rules file (plus {@code notify.webhook-url}),
     * honouring the silences of its cluster ({@code payment-silences}).
     *
     * @throws io.paypulse.alert.RulesException when the notifications section is wrong
     */
    public ProcessorService(PayPulseConfig config, List<AlertRule> rules) {
        this(config, rules, Workers.standard());
    }

    /** Like {@link #ProcessorService(PayPulseConfig, List)}; its own threads (not Streams') come from {@code workers}. */
    public ProcessorService(PayPulseConfig config, List<AlertRule> rules, Workers workers) {
        this(config, rules, NotificationsFile.forProcessor(config.processor()), null, workers);
    }

    /**
     * @param notifications where alerts go; this process serves the webhook, Slack and Teams contact
     *                      points (desktop ones are the app's, see {@link AlertNotifier#httpSenders()})
     * @param silences      the silences delivery respects; null: the cluster's, read from {@code payment-silences}
     */
    public ProcessorService(PayPulseConfig config, List<AlertRule> rules, Notifications notifications,
            SilenceView silences) {
        this(config, rules, notifications, silences, Workers.standard());
    }

    public ProcessorService(PayPulseConfig config, List<AlertRule> rules, Notifications notifications,
            SilenceView silences, Workers workers) {
        this.workers = workers;
        this.config = config;
        this.rules = List.copyOf(rules);
        this.notifications = notifications;
        this.silences = silences;
    }

    public void start() {
        int httpPort = config.processor().httpPort();
        if (httpPort > 0) {
            // First, so a taken port fails before any work; reports DOWN (CREATED) until Streams runs.
            metrics = new PrometheusMetrics(stats);
            http = HealthServer.start(config.processor().httpHost(), httpPort, this::health, metrics, workers);
        }
        int rawPartitions = TopicsReady.ensure(ClusterClients.base(config, "paypulse-setup"),
                Topics.partitionsByTopic(config.partitions()), config.replication(), SETUP_TIMEOUT, Topics.RAW);
        TopologyOptions options = topologyOptions(config, rawPartitions, rules)
                .withLag(lag = new StreamsConsumerLag(ClusterClients.base(config, "paypulse-lag"), config.processor().applicationId()));
        RawEventReader reader = config.hasSchemaRegistry()
                ? RawEventReader.withRegistry(new SchemaRegistryClient(config.schemaRegistryUrl()),
                        RawEventReader.DEFAULT_REGISTRY_WAIT)
                : RawEventReader.local();
        identity = InstanceIdentity.acquire(config.dataDir().resolve("streams"), config.processor().applicationId());
        streams = new KafkaStreams(PaymentTopology.build(options, stats, reader),
                StreamsSettings.of(config, stats, identity), new StableTransactionalIds(identity));
        if (metrics != null) {
            metrics.bindStreams(streams);
            metrics.bindLag(new LagSampler(ClusterClients.base(config, "paypulse-lag-meters"),
                    config.processor().applicationId(), Topics.RAW, LAG_TIMEOUT, Clock.systemUTC()), workers);
        }
        // Records that throw are dead-lettered by the exception handlers (StreamsSettings); what still
        // reaches here is not a record's fault. A thread that lost its transaction (a broker bounce)
        // is replaced; anything else (registry down, fenced for good, broken state) stops the client
        // and tells whoever waits (process/run exit non-zero at once, with one sentence).
        StreamThreadRecovery recovery = new StreamThreadRecovery(Clock.systemUTC());
        streams.setUncaughtExceptionHandler(e -> {
            if (recovery.replaceThreadFor(e)) {
                LOG.warn("A stream thread stopped on a cluster error ({}); replacing it", e.toString());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("The processor stopped: {}", ProcessorStoppedException.sentence(e), e);
            failed(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failed(new IllegalStateException("Kafka Streams stopped in state ERROR"));
            }
        });
        streams.start();
        if (config.processor().sinks()) {
            Map<String, Object> props = ClusterClients.base(config, "paypulse-csv");
            // The processor's own reader: the parsed CSV reads the raw topic and decides as the processor does.
            sinks.add(CsvSink.parsed(props, config.outputDir(), config.fileModes(), reader, workers));
            sinks.add(CsvSink.aggregates(props, config.outputDir(), config.fileModes(), workers));
            sinks.add(CsvSink.alerts(props, config.outputDir(), config.fileModes(), workers));
            // A sink whose directory another processor's sink holds waits and takes over (replicas, 0011).
            sinkTakeover = new SinkTakeover(sinks, workers);
            sinkTakeover.start();
        }
        startNotifier();
        LOG.info("Processor '{}' started ({}, CSV files {}, {})", config.processor().applicationId(),
                config.processor().guarantee(), config.processor().sinks() ? "in " + config.outputDir() : "off",
                config.hasSchemaRegistry() ? "Schema Registry " + config.schemaRegistryUrl() : "no Schema Registry");
    }

    /**
     * Delivery runs beside Streams on its own threads and consumer groups, so a slow or dead receiver
     * never slows processing. With replicas (decision 0011) every instance starts one, but each contact
     * point's group has one member owning the one-partition alert topic: exactly one replica delivers
     * to each contact point, and another takes over when it stops.
     */
    private void startNotifier() {
        if (notifications.isEmpty()) {
            return;
        }
        try {
            notifier = AlertNotifier.start(ClusterClients.base(config, "paypulse-notify"),
                    NotifierOptions.of(config.processor().applicationId()), notifications, rules, silenceView(),
                    AlertNotifier.httpSenders(), metrics == null ? null : metrics.registry(), Clock.systemUTC(), workers);
        } catch (RuntimeException e) {
            // Processing goes on without delivery rather than not at all; the log says why.
            LOG.error("Alerts will not be delivered to contact points: {}", e.getMessage(), e);
        }
    }

    /**
     * The silences to respect. Read from the cluster before the notifier starts, so that nothing a
     * silence covers is delivered because the silence was not known yet (decision 0013); a cluster that
     * does not answer in time costs the silences, not the delivery. Only when this process serves a
     * contact point: the desktop is the app's.
     */
    private SilenceView silenceView() {
        if (silences != null) {
            return silences;
        }
        if (notifications.contactPoints().stream().allMatch(cp -> cp.kind() == ContactPoint.Kind.DESKTOP)) {
            return SilenceView.none();
        }
        Properties client = new Properties();
        client.putAll(ClusterClients.base(config, "paypulse-silences"));
        ownSilences = new TopicSilences(workers).start(client);
        try {
            if (!ownSilences.awaitLoaded(SILENCES_WAIT)) {
                LOG.warn("The silences in {} were not read within {} s; alerts they cover may be delivered",
                        Topics.SILENCES, SILENCES_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ownSilences;
    }

    /** Per contact point: last delivery, last error, counts (empty before start or without notifications). */
    public List<ContactPointStatus> notificationStatus() {
        AlertNotifier n = notifier;
        return n == null ? List.of() : n.status();
    }

    /** The topology's shape as the settings ask for it ({@code processor.parsed-topic} included). */
    static TopologyOptions topologyOptions(PayPulseConfig config, int rawPartitions, List<AlertRule> rules) {
        return TopologyOptions.of(rawPartitions, config.processor().grace(), rules)
                .withParsedTopic(config.processor().parsedTopic());
    }

    public ProcessorStats stats() {
        return stats;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /**
     * What the health endpoint reports: UP while Streams runs or rebalances and the processor is
     * making progress, else DOWN with the reason (see {@link ProcessorHealth}).
     */
    public HealthReport health() {
        ProcessorHealth h = healthCheck;
        if (h == null) {
            PrometheusMetrics m = metrics;
            h = new ProcessorHealth(config, Clock.systemUTC(),
                    m == null ? Optional::empty : m::latestLag);
            healthCheck = h; // a racing second instance only loses its first look
        }
        return h.report(state(), failure());
    }

    private volatile ProcessorHealth healthCheck;

    /** The error that stopped the processor, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Runs {@code listener} once when the processor fails (on the failing thread; at once if it has
     * failed already). It must be quick and must not close this service.
     */
    public void whenFailed(Runnable listener) {
        failureListeners.add(listener);
        if (failure.get() != null && failureListeners.remove(listener)) {
            listener.run();
        }
    }

    private void failed(Throwable e) {
        failure.compareAndSet(null, e); // the first cause is the one worth telling
        for (Runnable listener : failureListeners) {
            if (failureListeners.remove(listener)) {
                listener.run();
            }
        }
    }

    /**
     * Waits until every CSV sink has written all records committed before this call (true at once
     * without sinks).
     */
    public boolean awaitSinksCaughtUp(Duration timeout) throws InterruptedException {
        for (CsvSink sink : sinks) {
            if (!sink.awaitCaughtUp(timeout)) {
                return false;
            }
        }
        return true;
    }

    public long csvRowsWritten() {
        return sinks.stream().mapToLong(CsvSink::rowsWritten).sum();
    }

    @Override
    public synchronized void close() {
        if (streams == null && sinks.isEmpty() && identity == null) {
            return;
        }
        long t0 = System.nanoTime();
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
        if (ownSilences != null) {
            ownSilences.close();
            ownSilences = null;
        }
        if (streams != null) {
            // A static member leaves only when told: others take its partitions now, not in a session.
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        long streamsClosed = System.nanoTime();
        if (lag != null) {
            lag.close();
            lag = null;
        }
        // The endpoint stops with Streams; until now it answered DOWN (PENDING_SHUTDOWN, NOT_RUNNING).
        if (http != null) {
            http.close();
            http = null;
        }
        ProcessorHealth h = healthCheck;
        if (h != null) {
            h.close();
            healthCheck = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        streams = null;
        if (identity != null) {
            identity.close();
            identity = null;
        }
        // Sinks after Streams so they can drain what Streams committed last.
        if (sinkTakeover != null) {
            sinkTakeover.close();
            sinkTakeover = null;
        }
        sinks.forEach(CsvSink::close);
        sinks.clear();
        // How long a stop takes matters to whoever waits for it (a container stop, a rolling restart).
        LOG.info("Processor stopped in {} ms (Kafka Streams {} ms)", (System.nanoTime() - t0) / 1_000_000,
                (streamsClosed - t0) / 1_000_000);
    }
}

package io.paypulse.app.session;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.feed.ClusterProbe;
import io.paypulse.app.feed.HistoryLoader;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.feed.TopicFeed;
import io.paypulse.app.fx.FxThread;
import io.paypulse.cluster.ClusterCheck;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.Scenario;
import io.paypulse.generate.Generator;
import io.paypulse.pipeline.LocalPipeline;
import io.paypulse.stack.Stack;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real session. Embedded: a {@link LocalPipeline} (broker, processor, generator) plus the
 * feed. Custom cluster: only the feed and the lag probe against the given servers. Docker stack:
 * the stack is started (compose up, wait for health), then the feed and probe read its brokers.
 * Closing stops the feed first, then the pipeline in its own loss-free order (generator,
 * processor, broker); a Docker stack keeps running (the Stack tab's Stop stack stops it).
 */
public final class PipelineSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSession.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LocalPipeline pipeline;
    private final LiveData data;
    private final TopicFeed feed;
    private final HistoryLoader history;
    private final ClusterProbe probe;
    private final ScheduledExecutorService probeThread;
    private final List<AlertRule> rules;
    private final String description;
    private final PayPulseConfig effective;
    private boolean closed;

    private PipelineSession(LocalPipeline pipeline, PayPulseConfig effective, List<AlertRule> rules, Clock clock,
                            String description, Workers workers) {
        this.pipeline = pipeline;
        this.rules = rules;
        this.description = description;
        this.effective = effective;
        this.data = new LiveData(clock);
        this.feed = new TopicFeed(ClusterClients.base(effective, "paypulse-app-feed"), data, clock, workers);
        // The charts' 7-day history: the aggregate CSVs only where this app's own sink writes them.
        this.history = new HistoryLoader(ClusterClients.base(effective, "paypulse-app-history"),
                pipeline == null ? null : effective.outputDir(), data, clock, workers);
        this.probe = new ClusterProbe(ClusterClients.base(effective, "paypulse-app-probe"),
                effective.processor().applicationId(), clock);
        this.probeThread = workers.scheduled("cluster-probe");
    }

    /** The factory the app uses. */
    public static SessionFactory factory(Clock clock) {
        return factory(clock, null, Workers.standard());
    }

    /**
     * The factory the app uses; {@code stack} serves Docker stack mode; every thread of a session (its
     * pipeline's included) comes from {@code workers}.
     */
    public static SessionFactory factory(Clock clock, Stack stack, Workers workers) {
        return (request, progress) -> open(request, clock, progress, stack, workers);
    }

    public static PipelineSession open(ConnectionRequest request, Clock clock, Consumer<String> progress) {
        return open(request, clock, progress, null, Workers.standard());
    }

    public static PipelineSession open(ConnectionRequest request, Clock clock, Consumer<String> progress, Stack stack,
                                       Workers workers) {
        FxThread.assertNotFxThread("Opening a session");
        LocalPipeline pipeline = null;
        PayPulseConfig effective = request.config();
        String description;
        if (request.mode() == ConnectionMode.EMBEDDED) {
            pipeline = new LocalPipeline(request.config(), request.rules(), clock, progress, workers);
            pipeline.start();
            effective = pipeline.config();
            description = "Embedded pipeline on " + effective.bootstrapServers();
        } else if (request.mode() == ConnectionMode.DOCKER) {
            if (stack == null) {
                throw new IllegalStateException("Docker stack mode needs a stack");
            }
            stack.startStack(progress);
            progress.accept("Connecting to the stack's brokers " + effective.bootstrapServers() + "…");
            description = "Docker stack on " + effective.bootstrapServers();
        } else {
            progress.accept("Connecting to " + effective.bootstrapServers() + "…");
            // A consumer retries an unreachable cluster forever; say so now instead of "Running".
            ClusterCheck.requireReachable(ClusterClients.base(effective, "paypulse-app-check"), CONNECT_TIMEOUT);
            description = "Cluster " + effective.bootstrapServers();
        }
        PipelineSession s;
        try {
            s = new PipelineSession(pipeline, effective, request.rules(), clock, description, workers);
        } catch (RuntimeException e) {
            if (pipeline != null) {
                pipeline.close();
            }
            throw e;
        }
        s.feed.start();
        s.history.start();
        s.probeThread.scheduleWithFixedDelay(() -> s.data.onProbe(s.probe.read()), 0, 2, TimeUnit.SECONDS);
        progress.accept("Live feed connected");
        return s;
    }

    @Override
    public LiveData data() {
        return data;
    }

    @Override
    public Optional<GeneratorControl> generator() {
        if (pipeline == null || pipeline.generator() == null) {
            return Optional.empty();
        }
        Generator g = pipeline.generator();
        return Optional.of(new GeneratorControl() {
            @Override
            public void setRate(double eventsPerSecond) {
                g.setRate(eventsPerSecond);
            }

            @Override
            public double rate() {
                return g.rate();
            }

            @Override
            public void switchTo(Scenario scenario) {
                g.switchTo(scenario, null);
            }

            @Override
            public Scenario scenario() {
                return g.scenario();
            }

            @Override
            public long sent() {
                return g.sent();
            }
        });
    }

    @Override
    public List<AlertRule> rules() {
        return rules;
    }

    @Override
    public Optional<PayPulseConfig> config() {
        return Optional.of(effective);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        probeThread.shutdownNow();
        feed.close();
        history.close();
        probe.close();
        if (pipeline != null) {
            pipeline.close();
        }
        LOG.info("Session closed in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}

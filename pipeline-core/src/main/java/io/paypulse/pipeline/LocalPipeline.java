package io.paypulse.pipeline;

import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PaypulseConfig;
import io.paypulse.generate.Generator;
import io.paypulse.process.ProcessorService;
import io.paypulse.process.alert.AlertRule;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in this process: the embedded broker (unless the config names a cluster),
 * the processor with its CSV sinks, and the generator. Used by {@code paypulse run} and the
 * desktop app's Embedded mode. Start and close from one thread (not the FX thread); close is
 * idempotent and stops in the order that loses nothing: generator, processor, broker.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    private final PaypulseConfig requested;
    private final List<AlertRule> rules;
    private final Clock clock;
    private final Consumer<String> progress;
    private EmbeddedBroker broker;
    private ProcessorService processor;
    private Generator generator;
    private PaypulseConfig effective;
    private RunHooks hooks = RunHooks.NONE;

    /** @param progress receives one short sentence per step, e.g. "Broker ready in 2.9 s" */
    public LocalPipeline(PaypulseConfig config, List<AlertRule> rules, Clock clock, Consumer<String> progress) {
        this.requested = config;
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.progress = progress;
    }

    /** Before {@link #start()}: steps to take between the start-up stages (e.g. resuming a run). */
    public LocalPipeline withHooks(RunHooks runHooks) {
        this.hooks = runHooks;
        return this;
    }

    public void start() {
        try {
            effective = requested;
            if (requested.embedded()) {
                progress.accept("Starting broker…");
                broker = EmbeddedBroker.start(new BrokerOptions(requested.dataDir(), requested.brokerPort(),
                        requested.brokerPortExplicit()));
                effective = requested.withBootstrapServers(broker.bootstrapServers());
                progress.accept(String.format("Broker ready on %s in %.1f s", broker.bootstrapServers(),
                        broker.startupTime().toMillis() / 1000.0));
            }
            hooks.clusterReady(effective);
            progress.accept("Starting processor…");
            long t0 = System.nanoTime();
            processor = new ProcessorService(effective, rules);
            processor.start();
            progress.accept(String.format("Processor started in %.1f s", (System.nanoTime() - t0) / 1e9));
            generator = new Generator(ClusterClients.base(effective, "paypulse-generator"), effective.generator(), clock,
                    effective.schemaRegistryUrl());
            hooks.beforeGenerator(effective, generator);
            generator.start();
            progress.accept("Generator sending " + describeRate(effective.generator().rate()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The configuration in force, with the embedded broker's address filled in once started. */
    public PaypulseConfig config() {
        return effective == null ? requested : effective;
    }

    public Generator generator() {
        return generator;
    }

    public ProcessorService processor() {
        return processor;
    }

    /** Null when running against an external cluster. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /** Safe to call from a shutdown hook while another thread also closes. */
    @Override
    public synchronized void close() {
        if (generator != null) {
            generator.close();
            generator = null;
        }
        if (processor != null) {
            processor.close();
            processor = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        LOG.debug("Local pipeline stopped");
    }

    private static String describeRate(double rate) {
        return rate == 0 ? "as fast as possible" : String.format("%.0f events/s", rate);
    }
}

package io.paypulse.pipeline;

import io.paypulse.alert.AlertRule;
import io.paypulse.broker.BrokerException;
import io.paypulse.broker.BrokerOptions;
import io.paypulse.broker.EmbeddedBroker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.generate.Generator;
import io.paypulse.process.ProcessorService;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in this process: the embedded broker (unless the config names a cluster),
 * the processor with its CSV sinks, and the generator. Used by {@code paypulse run} and the
 * desktop app's Embedded mode. Start and close from one thread (not the FX thread); close is
 * idempotent and stops in the order that loses nothing: generator, processor, broker.
 *
 * <p>If the embedded broker fails (e.g. its disk is full) the pipeline cannot go on: {@link #failure()} says
 * why in one sentence, threads registered with {@link #interruptOnFailure} are interrupted at once, and
 * {@link #close()} stops the parts in parallel within {@link #FAILED_STOP_TIMEOUT} instead of waiting on a dead
 * broker.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
    static final Duration FAILED_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final PayPulseConfig requested;
    private final List<AlertRule> rules;
    private final Clock clock;
    private final Consumer<String> progress;
    private final Workers workers;
    private EmbeddedBroker broker;
    private ProcessorService processor;
    private Generator generator;
    private PayPulseConfig effective;
    private final AtomicReference<BrokerException> failure = new AtomicReference<>();
    private final Set<Thread> waiters = new CopyOnWriteArraySet<>();
    private RunHooks hooks = RunHooks.NONE;

    /** @param progress receives one short sentence per step, e.g. "Broker ready in 2.9 s" */
    public LocalPipeline(PayPulseConfig config, List<AlertRule> rules, Clock clock, Consumer<String> progress) {
        this(config, rules, clock, progress, Workers.standard());
    }

    /**
     * @param workers where every thread of the broker, processor (but Kafka Streams' own), sinks, notifier
     *                and generator comes from; each has ended once {@link #close()} returns
     */
    public LocalPipeline(PayPulseConfig config, List<AlertRule> rules, Clock clock, Consumer<String> progress,
            Workers workers) {
        this.workers = workers;
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
                        requested.brokerPortExplicit(), requested.fileModes()), workers);
                broker.onFailure(this::brokerFailed);
                effective = requested.withBootstrapServers(broker.bootstrapServers());
                progress.accept(String.format("Broker ready on %s in %.1f s", broker.bootstrapServers(),
                        broker.startupTime().toMillis() / 1000.0));
            }
            hooks.clusterReady(effective);
            progress.accept("Starting processor…");
            long t0 = System.nanoTime();
            processor = new ProcessorService(effective, rules, workers);
            processor.start();
            progress.accept(String.format("Processor started in %.1f s", (System.nanoTime() - t0) / 1e9));
            generator = new Generator(ClusterClients.base(effective, "generator"), effective.generator(), clock,
                    effective.schemaRegistryUrl(), workers);
            hooks.beforeGenerator(effective, generator);
            generator.start();
            progress.accept("Generator sending " + describeRate(effective.generator().rate()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The configuration in force, with the embedded broker's address filled in once started. */
    public PayPulseConfig config() {
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

    /** Why the pipeline cannot go on (its embedded broker stopped), as one sentence; empty while it can. */
    public Optional<BrokerException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Interrupts {@code waiter} as soon as the pipeline fails (at once if it already has), so a command
     * blocked on progress ends and can report {@link #failure()}.
     */
    public void interruptOnFailure(Thread waiter) {
        waiters.add(waiter);
        if (failure.get() != null && waiters.remove(waiter)) {
            waiter.interrupt();
        }
    }

    private void brokerFailed(BrokerException e) {
        failure.compareAndSet(null, e);
        for (Thread t : waiters) {
            if (waiters.remove(t)) {
                t.interrupt();
            }
        }
    }

    /** Safe to call from a shutdown hook while another thread also closes. */
    @Override
    public synchronized void close() {
        waiters.clear();
        if (failure.get() != null) {
            closeAfterFailure();
        }
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

    /**
     * The broker is dead, so the order that loses nothing no longer matters and the clients would only wait
     * out their own timeouts against it: every part stops at once, in parallel, for at most
     * {@link #FAILED_STOP_TIMEOUT}. What they could not finish is safe: nothing more reaches the broker, and the
     * CSV sinks restore their checkpoint at the next start.
     */
    private void closeAfterFailure() {
        List<Thread> stops = new ArrayList<>();
        if (generator != null) {
            stops.add(stopper("generator", generator::close));
        }
        if (processor != null) {
            stops.add(stopper("processor", processor::close));
        }
        if (broker != null) {
            stops.add(stopper("broker", broker::close));
        }
        generator = null;
        processor = null;
        broker = null;
        long deadline = System.nanoTime() + FAILED_STOP_TIMEOUT.toNanos();
        for (Thread t : stops) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : stops) {
            if (t.isAlive()) {
                LOG.warn("The {} did not stop within {} s after the broker failed; it ends with the process",
                        t.getName().substring("paypulse-stop-".length()), FAILED_STOP_TIMEOUT.toSeconds());
            }
        }
    }

    private Thread stopper(String what, Runnable close) {
        return workers.start("paypulse-stop-" + what, close);
    }

    private static String describeRate(double rate) {
        return rate == 0 ? "as fast as possible" : String.format("%.0f events/s", rate);
    }
}

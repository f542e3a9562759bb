package io.paypulse.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters behind {@code GET /metrics}: JVM memory, GC, threads, class loading, CPU and uptime,
 * whatever {@link MeterBinder}s the caller passes (the processor's own counters), and the Kafka
 * Streams client metrics once {@link #bindStreams} is called. Thread-safe; {@link #close()} stops
 * the binders' background work and is idempotent.
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** Content type of the Prometheus text exposition format served by {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Duration LAG_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile LagMeters lag;

    public PrometheusMetrics(MeterBinder... binders) {
        JvmGcMetrics gc = new JvmGcMetrics();
        closeables.add(gc);
        List<MeterBinder> all = new ArrayList<>(List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics()));
        all.addAll(List.of(binders));
        all.forEach(b -> b.bindTo(registry));
    }

    /** Adds the Kafka Streams client metrics (stream threads, consumers, producers); call once. */
    public synchronized void bindStreams(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        closeables.add(binder);
    }

    /** Adds the per-partition lag gauges ({@link LagMeters}), sampled every 5 s; closed with this. */
    public synchronized void bindLag(LagSampler sampler, Workers workers) {
        LagMeters binder = new LagMeters(sampler, LAG_EVERY, workers);
        binder.bindTo(registry);
        closeables.add(binder);
        lag = binder;
    }

    /** The lag gauges' last sample (so a health look need not ask the cluster again); empty without one. */
    public Optional<LagReport> latestLag() {
        LagMeters l = lag;
        return l == null ? Optional.empty() : l.latest();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Error while closing a metrics binder", e);
            }
        }
        closeables.clear();
        registry.close();
    }
}

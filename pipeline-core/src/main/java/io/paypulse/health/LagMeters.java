package io.paypulse.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code paypulse_lag_records{partition}} and {@code paypulse_lag_seconds{partition}} on
 * {@code /metrics}: the processor group's lag on the raw topic per partition, records behind and
 * the age of the oldest unprocessed record (NaN when it could not be read). Sampled by a
 * {@link LagSampler} on its own daemon thread every {@code every}, not on the scrape: a scrape never
 * waits for the cluster. A sample that fails keeps no rows (the series disappear rather than lie).
 * {@link #close()} stops the thread and closes the sampler.
 */
public final class LagMeters implements MeterBinder, AutoCloseable {

    private final LagSampler sampler;
    private final Duration every;
    private final Workers workers;
    private ScheduledExecutorService thread;
    private MultiGauge records;
    private MultiGauge seconds;
    private volatile LagReport latest;

    public LagMeters(LagSampler sampler, Duration every) {
        this(sampler, every, Workers.standard());
    }

    public LagMeters(LagSampler sampler, Duration every, Workers workers) {
        this.sampler = sampler;
        this.every = every;
        this.workers = workers;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        records = MultiGauge.builder("paypulse.lag.records")
                .description("Records of the raw topic the processor has not processed yet, per partition")
                .register(registry);
        seconds = MultiGauge.builder("paypulse.lag.seconds")
                .description("Age of the oldest unprocessed record of the raw topic, per partition (0: caught up)")
                .register(registry);
        if (sampler != null && thread == null) {
            thread = workers.scheduled("lag-meters");
            thread.scheduleWithFixedDelay(() -> {
                LagReport report = sampler.sample();
                latest = report;
                record(report);
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last sample taken, empty before the first; any thread. */
    public Optional<LagReport> latest() {
        return Optional.ofNullable(latest);
    }

    /** Replaces the rows with this report's partitions. */
    synchronized void record(LagReport report) {
        if (records == null) {
            return;
        }
        List<MultiGauge.Row<?>> r = new ArrayList<>();
        List<MultiGauge.Row<?>> s = new ArrayList<>();
        for (PartitionLagRow p : report.rows()) {
            Tags tags = Tags.of("partition", Integer.toString(p.partition()));
            r.add(MultiGauge.Row.of(tags, p.records()));
            s.add(MultiGauge.Row.of(tags, p.seconds()));
        }
        records.register(r, true);
        seconds.register(s, true);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
        if (sampler != null) {
            sampler.close();
        }
    }
}

package io.paypulse.process;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.paypulse.process.errors.DeadLetterCounts;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Live counters of a processor instance, for progress, the app's tiles and the health endpoint.
 * Written by stream threads, read by anyone. Counts since this process started (an aborted
 * transaction's records may be counted twice: these are for display, the topics are the truth).
 */
public final class ProcessorStats implements MeterBinder, DeadLetterCounts {

    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong finalWindows = new AtomicLong();
    private final AtomicLong finalizedEvents = new AtomicLong();
    private final AtomicLong openWindows = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong redriveDuplicates = new AtomicLong();

    void parsed() {
        parsed.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    /**
     * A record whose processing threw, or that a source could not read, sent to the DLQ by an exception
     * handler ({@code process.errors}): counted as rejected (it is in no window) and as failed.
     */
    @Override
    public void deadLettered() {
        rejected.incrementAndGet();
        failed.incrementAndGet();
    }

    /** An output record the broker refused or that could not be serialized, replaced by a dead letter. */
    @Override
    public void writeFailed() {
        failed.incrementAndGet();
    }

    void late() {
        late.incrementAndGet();
    }

    /** {@code events} late at once (a partial from a partition the windows had stopped waiting for). */
    void late(long events) {
        late.addAndGet(events);
    }

    /** A re-driven record whose identity was already counted: dropped (decision 0014). */
    void redriveDuplicate() {
        redriveDuplicates.incrementAndGet();
    }

    /** Re-driven records dropped because the same record was already counted in its window. */
    public long redriveDuplicateCount() {
        return redriveDuplicates.get();
    }

    void windowClosed(long events) {
        finalWindows.incrementAndGet();
        finalizedEvents.addAndGet(events);
    }

    void openWindows(long n) {
        openWindows.set(n);
    }

    void alertPublished() {
        alerts.incrementAndGet();
    }

    public long parsedCount() {
        return parsed.get();
    }

    /** Records sent to the DLQ because they could not be parsed or their processing threw. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Records an exception handler sent to the DLQ because processing or writing them threw. */
    public long failedCount() {
        return failed.get();
    }

    /** Events that arrived after their window had closed (also sent to the DLQ). */
    public long lateCount() {
        return late.get();
    }

    public long finalWindowCount() {
        return finalWindows.get();
    }

    /** Events counted in windows that are final. */
    public long finalizedEventCount() {
        return finalizedEvents.get();
    }

    public long openWindowCount() {
        return openWindows.get();
    }

    public long alertUpdateCount() {
        return alerts.get();
    }

    /**
     * Exposes these counters as {@code paypulse_*} meters (Prometheus adds {@code _total} to
     * counters): events parsed, rejected, late, finalized; windows closed, open; alerts published.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "paypulse.events.parsed", "Raw events parsed into structured records", ProcessorStats::parsedCount);
        counter(registry, "paypulse.events.rejected", "Raw events that could not be parsed (sent to the DLQ)",
                ProcessorStats::rejectedCount);
        counter(registry, "paypulse.records.failed",
                "Records whose processing or writing threw, sent to the DLQ by an exception handler",
                ProcessorStats::failedCount);
        counter(registry, "paypulse.events.late", "Events that arrived after their window closed (sent to the DLQ)",
                ProcessorStats::lateCount);
        counter(registry, "paypulse.redrives.duplicate",
                "Re-driven records dropped because the same record was already counted (docs/dead-letters.md)",
                ProcessorStats::redriveDuplicateCount);
        counter(registry, "paypulse.events.finalized", "Events counted in final windows", ProcessorStats::finalizedEventCount);
        counter(registry, "paypulse.windows.closed", "1-minute windows that became final", ProcessorStats::finalWindowCount);
        counter(registry, "paypulse.alerts.published", "Alert bucket updates published", ProcessorStats::alertUpdateCount);
        Gauge.builder("paypulse.windows.open", this, ProcessorStats::openWindowCount)
                .description("1-minute windows still open").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<ProcessorStats> f) {
        FunctionCounter.builder(name, this, f).description(description).register(registry);
    }
}

package io.paypulse.process;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a processor instance, for progress, the app's tiles and the health endpoint.
 * Written by stream threads, read by anyone. Counts since this process started (an aborted
 * transaction's records may be counted twice: these are for display, the topics are the truth).
 */
public final class ProcessorStats {

    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong finalWindows = new AtomicLong();
    private final AtomicLong finalizedEvents = new AtomicLong();
    private final AtomicLong openWindows = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();

    void parsed() {
        parsed.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    void late() {
        late.incrementAndGet();
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

    /** Records sent to the DLQ because they could not be parsed. */
    public long rejectedCount() {
        return rejected.get();
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
}

package io.paypulse.app.fx;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a snapshot onto the FX thread at a fixed rate: the snapshot is taken on the scheduler's
 * thread, then handed over in ONE task on {@code fx}. A tick is skipped while the previous one is
 * still waiting for the FX thread, so a busy UI never accumulates a queue of stale snapshots.
 */
public final class Ticker<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final ScheduledFuture<?> future;
    private final AtomicBoolean pending = new AtomicBoolean();

    public Ticker(ScheduledExecutorService scheduler, Executor fx, Duration period, Supplier<T> snapshot,
                  Consumer<T> render) {
        long ms = period.toMillis();
        this.future = scheduler.scheduleAtFixedRate(() -> {
            if (!pending.compareAndSet(false, true)) {
                return;
            }
            try {
                T s = snapshot.get();
                fx.execute(() -> {
                    try {
                        render.accept(s);
                    } finally {
                        pending.set(false);
                    }
                });
            } catch (RuntimeException e) {
                pending.set(false);
                LOG.warn("Tick failed: {}", e.toString(), e);
            }
        }, 0, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        future.cancel(false);
    }
}

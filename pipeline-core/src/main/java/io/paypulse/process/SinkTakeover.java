package io.paypulse.process;

import io.paypulse.sink.CsvSink;
import io.paypulse.sink.SinkDirectoryBusyException;
import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a processor's CSV sinks; a sink whose output directory another sink of its kind holds
 * (another processor replica on the same output volume, docs/decisions/0011) waits on standby and
 * takes the directory over once the holder stops or dies (the OS drops a dead holder's lock). The
 * sink then resumes from the directory's last checkpoint, as a restart would: no row lost or
 * written twice. So replicas share one output directory with one writer per file kind at a time.
 *
 * <p>{@link #start()} and {@link #close()} on the owner's thread; the standby retries run on daemon
 * thread {@code csv-sink-standby}. {@link #standby()} may be read from any thread.
 */
final class SinkTakeover implements AutoCloseable {

    /** How often a waiting sink tries the lock again: a takeover costs at most this much delay. */
    static final Duration RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SinkTakeover.class);

    private final List<CsvSink> sinks;
    private final List<CsvSink> waiting = new ArrayList<>();
    private final Object lock = new Object();
    private boolean closed;
    private final Workers workers;
    private Thread thread;

    SinkTakeover(List<CsvSink> sinks) {
        this(sinks, Workers.standard());
    }

    SinkTakeover(List<CsvSink> sinks, Workers workers) {
        this.workers = workers;
        this.sinks = List.copyOf(sinks);
    }

    /**
     * Starts every sink whose directory is free; the others wait on standby.
     *
     * @throws IllegalStateException or {@link java.io.UncheckedIOException} as {@link CsvSink#start()}
     *                               does, for anything but a busy directory
     */
    void start() {
        for (CsvSink sink : sinks) {
            if (!tryStart(sink)) {
                LOG.info("CSV sink '{}' is on standby: another processor writes its files in {}; this one takes "
                        + "over when that one stops.", sink.name(), sink.outputDir());
                synchronized (lock) {
                    waiting.add(sink);
                }
            }
        }
        synchronized (lock) {
            if (!waiting.isEmpty()) {
                thread = workers.start("csv-sink-standby", this::retry);
            }
        }
    }

    /** Names of the sinks waiting for their directory now. */
    List<String> standby() {
        synchronized (lock) {
            return waiting.stream().map(CsvSink::name).toList();
        }
    }

    private static boolean tryStart(CsvSink sink) {
        try {
            sink.start();
            return true;
        } catch (SinkDirectoryBusyException busy) {
            return false;
        }
    }

    private void retry() {
        while (true) {
            List<CsvSink> now;
            synchronized (lock) {
                try {
                    lock.wait(RETRY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (closed || waiting.isEmpty()) {
                    return;
                }
                now = List.copyOf(waiting);
            }
            for (CsvSink sink : now) {
                try {
                    if (tryStart(sink)) {
                        LOG.info("CSV sink '{}' took over {}: the previous writer stopped; it resumes from the last "
                                + "checkpoint.", sink.name(), sink.outputDir());
                        synchronized (lock) {
                            waiting.remove(sink);
                        }
                    }
                } catch (RuntimeException e) {
                    // Closed meanwhile, or the files cannot be restored: the sink stays down, said once.
                    LOG.error("CSV sink '{}' could not take over {}: {}", sink.name(), sink.outputDir(), e.getMessage());
                    synchronized (lock) {
                        waiting.remove(sink);
                    }
                }
            }
        }
    }

    /** Stops the standby thread and closes every sink (a running one makes its rows durable first). */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            waiting.clear();
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(RETRY.toMillis() * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sinks.forEach(CsvSink::close);
    }
}

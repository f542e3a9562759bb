package io.paypulse.sink;

import io.paypulse.files.FileModes;
import io.paypulse.schema.RawEventReader;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV output of one pipeline topic, written exactly once across restarts and crashes: rows are
 * appended, made durable every second together with a checkpoint of the consumed offsets and the file
 * lengths, and on start the files are cut back to the checkpoint and the topic is read again from there
 * (see {@code docs/decisions/0001-csv-exactly-once.md}). Reads with {@code read_committed}, without a
 * consumer group: all partitions are assigned to this one sink.
 *
 * <ul>
 *   <li>{@link #parsed}: the raw topic {@code payment}, parsed with the processor's own reader, to hourly
 *       {@code enriched_data_YYYY-MM-DD_HH.csv} (values the processor rejects make no row)</li>
 *   <li>{@link #aggregates}: final windows of {@code payment-agg-1m} to daily {@code aggregated_data_YYYY-MM-DD.csv}</li>
 *   <li>{@link #alerts}: {@code payment-alerts} to daily {@code alerts_YYYY-MM-DD.csv}</li>
 * </ul>
 * Times in names and cells are UTC. One sink of a kind per output directory (a lock file enforces it).
 */
public final class CsvSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSink.class);
    private static final long JOIN_MILLIS = 30_000;

    private final SinkLoop<?> loop;
    private Thread thread;
    private boolean started;
    private boolean closed;

    private final Workers workers;

    private CsvSink(SinkLoop<?> loop) {
        this(loop, Workers.standard());
    }

    private CsvSink(SinkLoop<?> loop, Workers workers) {
        this.loop = loop;
        this.workers = workers;
    }

    /**
     * The parsed CSV from the raw topic, reading plain JSON only (no Schema Registry).
     *
     * @param consumerProps {@code bootstrap.servers} and any client extras (security...); deserializers,
     *                      isolation level and offset handling are set here, a {@code group.id} is dropped
     */
    public static CsvSink parsed(Map<String, Object> consumerProps, Path outputDir) {
        return parsed(consumerProps, outputDir, FileModes.PRIVATE, RawEventReader.local(), Workers.standard());
    }

    public static CsvSink aggregates(Map<String, Object> consumerProps, Path outputDir) {
        return aggregates(consumerProps, outputDir, Topics.AGGREGATES);
    }

    public static CsvSink alerts(Map<String, Object> consumerProps, Path outputDir) {
        return alerts(consumerProps, outputDir, Topics.ALERTS);
    }

    /**
     * The parsed CSV from the raw topic {@code payment}, with explicit file modes (as for every sink, default
     * {@link FileModes#PRIVATE}: files 0600, folders 0700, since the rows hold user ids and IP addresses).
     *
     * @param reader the processor's reader (the same instance or the same Schema Registry and wait), so both
     *               accept and reject the same values; thread-safe, so it may be shared
     */
    public static CsvSink parsed(Map<String, Object> consumerProps, Path outputDir, FileModes modes, RawEventReader reader,
            Workers workers) {
        return new CsvSink(new SinkLoop<>(new ParsedFormat(reader), Topics.RAW, consumerProps, outputDir, modes), workers);
    }

    public static CsvSink aggregates(Map<String, Object> consumerProps, Path outputDir, FileModes modes, Workers workers) {
        return new CsvSink(new SinkLoop<>(new AggregateFormat(), Topics.AGGREGATES, consumerProps, outputDir, modes),
                workers);
    }

    public static CsvSink alerts(Map<String, Object> consumerProps, Path outputDir, FileModes modes, Workers workers) {
        return new CsvSink(new SinkLoop<>(new AlertFormat(), Topics.ALERTS, consumerProps, outputDir, modes), workers);
    }

    /** @param topic a raw topic other than {@code payment} (tests) */
    static CsvSink parsed(Map<String, Object> consumerProps, Path outputDir, String topic) {
        return parsed(consumerProps, outputDir, topic, RawEventReader.local());
    }

    static CsvSink parsed(Map<String, Object> consumerProps, Path outputDir, String topic, RawEventReader reader) {
        return new CsvSink(new SinkLoop<>(new ParsedFormat(reader), topic, consumerProps, outputDir));
    }

    static CsvSink aggregates(Map<String, Object> consumerProps, Path outputDir, String topic) {
        return new CsvSink(new SinkLoop<>(new AggregateFormat(), topic, consumerProps, outputDir));
    }

    static CsvSink alerts(Map<String, Object> consumerProps, Path outputDir, String topic) {
        return new CsvSink(new SinkLoop<>(new AlertFormat(), topic, consumerProps, outputDir));
    }

    /**
     * Restores the output directory to the last checkpoint (on the caller's thread, so problems surface
     * here) and starts consuming on daemon thread {@code csv-sink-<name>}.
     *
     * @throws IllegalStateException if already started or closed, if another sink of this kind writes in the
     *                               directory, or if the files were changed so they cannot be restored
     * @throws UncheckedIOException  if the directory or checkpoint cannot be read or written
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("CSV sink '" + loop.name() + "' is closed");
        }
        if (started) {
            throw new IllegalStateException("CSV sink '" + loop.name() + "' is already started");
        }
        try {
            loop.open();
        } catch (IOException e) {
            throw new UncheckedIOException("CSV sink '" + loop.name() + "' cannot use " + loop.dir() + ": " + e.getMessage(), e);
        }
        started = true;
        thread = workers.start("csv-sink-" + loop.name(), loop::run);
    }

    /** The sink's name: {@code parsed}, {@code aggregates} or {@code alerts}. */
    public String name() {
        return loop.name();
    }

    public Path outputDir() {
        return loop.dir();
    }

    /** Rows made durable (checkpointed) since start. */
    public long rowsWritten() {
        return loop.rowsWritten();
    }

    /** Records skipped since start because they could not be read or turned into a row (each logged at WARN). */
    public long recordsSkipped() {
        return loop.skipped();
    }

    /**
     * Parsed sink: raw records passed over since start because the processor rejects them (it dead-letters
     * each with the reason, so nothing is logged here); counted once they are checkpointed, like
     * {@link #rowsWritten()}. Always 0 for the other sinks.
     */
    public long recordsRejected() {
        return loop.rejected();
    }

    /**
     * True when the checkpointed position equals the topic's end offsets (last stable offsets, as the sink
     * reads committed data) as of the sink's latest look-up; it looks up at most every 250 ms when idle, so
     * the answer may be that much behind a transaction that has just committed.
     */
    public boolean caughtUp() {
        return loop.caughtUp();
    }

    /**
     * Waits until the sink has checkpointed everything committed to its topic as of a moment after this
     * call: unlike {@link #caughtUp()}, never answers from a look-up made before the call.
     *
     * @return true when caught up; false on timeout, or if the sink is not running
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (!started || closed) {
                return false;
            }
        }
        return loop.awaitCaughtUp(timeout);
    }

    /**
     * Present while the sink cannot write (typically: the disk is full) and retries by itself; its
     * {@link WriteStall#sentence()} is meant for {@code /health} and the app. The files then hold whole rows
     * up to the last checkpoint, and writing resumes from there without losing or repeating a row.
     * Thread-safe.
     */
    public Optional<WriteStall> stall() {
        return loop.stall();
    }

    /** Why the sink thread stopped, if it stopped on an error; the sink then writes nothing more. */
    public Optional<Throwable> failure() {
        return loop.failure();
    }

    /** Makes the rows durable, saves a last checkpoint and stops the thread. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        loop.stop();
        if (t == null) {
            return;
        }
        try {
            t.join(JOIN_MILLIS);
            if (t.isAlive()) {
                LOG.warn("CSV sink '{}' did not stop within {} ms", loop.name(), JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

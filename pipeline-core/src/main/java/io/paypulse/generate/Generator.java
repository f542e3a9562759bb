package io.paypulse.generate;

import io.paypulse.config.ConfigException;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.Scenario;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends generated log events to topic {@link Topics#RAW}, keyed by user id, at a target rate.
 *
 * <p>Threads: {@link #start()} runs the loop on its own daemon thread named {@code generator},
 * which owns the {@link EventFactory} and the producer; every other method may be called from any
 * thread. The producer is created by {@code start()}, so constructing a generator touches nothing.
 * {@link #close()} stops the loop and closes the producer, which waits (bounded) for the records
 * in flight to be acknowledged.
 *
 * <p>Pacing is by target time on {@link System#nanoTime()}: event {@code i} is due one interval
 * after event {@code i-1}; when the loop falls behind (GC, a blocked send) it catches up in bursts
 * of at most {@link #MAX_LAG} worth of events and forgives older debt rather than flooding the
 * topic. Event timestamps come from the injected {@link Clock}.
 *
 * <p>Send failures never stop the loop: each is counted, the first of each exception class is
 * logged, and the latest is kept in {@link #lastError()}. Only an exception thrown by
 * {@code send} itself (a closed or fatally failed producer) ends the loop, also logged and kept.
 */
public final class Generator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    /** Largest backlog the loop catches up on; older debt is forgiven. */
    static final Duration MAX_LAG = Duration.ofMillis(100);
    /** Longest single park, so stop, rate and scenario changes and clock expiry are seen soon. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final GeneratorSettings settings;
    private final Clock clock;
    private final Supplier<Producer<String, LogEvent>> producerFactory;
    private final Workers workers;
    private final EventFactory factory;

    private final AtomicReference<ScenarioState> scenario;
    private volatile double rate;
    private volatile boolean stopping;
    private volatile Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private boolean started;
    /** Made by {@link #skipIfSent} but not sent yet (owned by the generator thread). */
    private GeneratedEvent pending;
    private boolean closed;

    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile AlreadySent alreadySent = AlreadySent.NONE;
    private final GeneratorTally tally = new GeneratorTally();
    private final Map<String, Boolean> loggedFailureKinds = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();

    /**
     * @param producerProps {@code bootstrap.servers} plus any client extras; extras may tune
     *                      batching and compression, but idempotence, {@code acks=all} and the
     *                      serializers are always ours
     * @throws ConfigException for an unknown scenario or log format (rate and events are checked by
     *                         {@link GeneratorSettings})
     */
    public Generator(Map<String, Object> producerProps, GeneratorSettings settings, Clock clock) {
        this(settings, clock, () -> new KafkaProducer<>(producerConfig(producerProps),
                Topics.KEY.serializer(), LogFormat.parse(settings.logFormat()).serializer("")));
    }

    /**
     * Like {@link #Generator(Map, GeneratorSettings, Clock)}; with a non-empty
     * {@code schemaRegistryUrl}, {@link #start()} first registers the raw event schema under subject
     * {@code payment-value} and the events are written in the Schema Registry wire format.
     * {@code start()} then throws {@link io.paypulse.schema.SchemaRegistryException} (one
     * sentence) when the registry is unreachable or refuses the schema.
     */
    public Generator(Map<String, Object> producerProps, GeneratorSettings settings, Clock clock, String schemaRegistryUrl) {
        this(producerProps, settings, clock, schemaRegistryUrl, Workers.standard());
    }

    /** Like {@link #Generator(Map, GeneratorSettings, Clock, String)}; its thread comes from {@code workers}. */
    public Generator(Map<String, Object> producerProps, GeneratorSettings settings, Clock clock, String schemaRegistryUrl,
            Workers workers) {
        this(settings, clock, () -> new KafkaProducer<>(producerConfig(producerProps),
                Topics.KEY.serializer(), LogFormat.parse(settings.logFormat()).serializer(schemaRegistryUrl)), workers);
    }

    /** For tests: the producer comes from {@code producerFactory}, called once by start(). */
    Generator(GeneratorSettings settings, Clock clock, Supplier<Producer<String, LogEvent>> producerFactory) {
        this(settings, clock, producerFactory, Workers.standard());
    }

    Generator(GeneratorSettings settings, Clock clock, Supplier<Producer<String, LogEvent>> producerFactory,
            Workers workers) {
        this.workers = workers;
        // Rate, event count and scenario were checked by GeneratorSettings against their one definition.
        this.settings = settings;
        this.clock = clock;
        this.producerFactory = producerFactory;
        this.factory = new EventFactory(settings.seed());
        this.scenario = new AtomicReference<>(new ScenarioState(settings.startScenario(), null));
        LogFormat.parse(settings.logFormat()); // a bad format fails here, not in start()
        this.rate = settings.rate();
    }

    /** Our producer settings over the caller's: extras may tune, not weaken delivery. */
    static Map<String, Object> producerConfig(Map<String, Object> producerProps) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "paypulse-generator");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.putAll(producerProps);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return p;
    }

    /** Record header holding the event's position in the run's sequence, as decimal ASCII. */
    public static final String SEQUENCE_HEADER = "paypulse-seq";

    /**
     * Before {@link #start()}: events of this run already on the raw topic (from a run that was
     * killed) are made but not sent again; they count as acknowledged and in the tally, so a resumed
     * bounded run ends with the totals of one uninterrupted run.
     */
    public synchronized void resume(AlreadySent sent) {
        if (started) {
            throw new IllegalStateException("resume before start");
        }
        alreadySent = sent;
    }

    /** Events not sent because they were already on the topic (see {@link #resume}). */
    public long skipped() {
        return skipped.get();
    }

    /** Starts the sending thread. May be called once. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "generator is closed" : "generator already started");
        }
        started = true;
        Producer<String, LogEvent> producer = producerFactory.get();
        thread = workers.start("generator", () -> run(producer));
        LOG.info("Generator started: {}, {} events, scenario {}",
                rate == 0 ? "as fast as possible" : rate + " events/s",
                settings.events() == 0 ? "unbounded" : settings.events(), scenario());
    }

    /** Takes effect immediately: the next event is due one new interval after the last one. */
    public void setRate(double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, was " + eventsPerSecond);
        }
        rate = eventsPerSecond;
        wake();
    }

    public double rate() {
        return rate;
    }

    /**
     * Switches scenario now. With a duration, the generator returns to {@link Scenario#NORMAL}
     * once that much time has passed on the injected clock; with null it stays.
     */
    public void switchTo(Scenario s, Duration durationOrNull) {
        if (durationOrNull != null && (durationOrNull.isNegative() || durationOrNull.isZero())) {
            throw new IllegalArgumentException("scenario duration must be positive, was " + durationOrNull);
        }
        Instant until = durationOrNull == null ? null : clock.instant().plus(durationOrNull);
        scenario.set(new ScenarioState(s, until));
        LOG.info("Generator scenario: {}{}", s, until == null ? "" : " until " + until);
        wake();
    }

    /** The scenario in force now by the injected clock. */
    public Scenario scenario() {
        return scenarioAt(clock.instant());
    }

    private Scenario scenarioAt(Instant now) {
        ScenarioState st = scenario.get();
        if (st.until() != null && !now.isBefore(st.until())) {
            if (scenario.compareAndSet(st, new ScenarioState(Scenario.NORMAL, null))) {
                LOG.info("Generator scenario {} ended, back to normal", st.scenario());
            }
            return scenarioAt(now);
        }
        return st.scenario();
    }

    /** Sends acknowledged by the broker. */
    public long sent() {
        return acknowledged.get();
    }

    /** Sends that failed after the producer's own retries. */
    public long failed() {
        return failed.get();
    }

    /** Acknowledged totals per group. */
    public GeneratorTally tally() {
        return tally;
    }

    /** The most recent send failure, or the error that ended the loop. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /**
     * Waits for the loop to end. True when a bounded run ({@code events > 0}) sent all its events
     * and every one was acknowledged; false on timeout, for unbounded runs, or if any send failed.
     */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
                && settings.events() > 0
                && acknowledged.get() == settings.events();
    }

    /** Stops the loop and closes the producer, waiting (bounded) for acknowledgements. Idempotent. */
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
        stopping = true;
        if (t == null) {
            finished.countDown();
            return;
        }
        LockSupport.unpark(t);
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                // Blocked in send (buffer full, no metadata): interrupt to get out.
                t.interrupt();
                finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run(Producer<String, LogEvent> producer) {
        long limit = settings.events();
        long maxLag = MAX_LAG.toNanos();
        double appliedRate = rate;
        long lastSend = System.nanoTime();
        long due = lastSend;
        try {
            while (!stopping && (limit == 0 || produced.get() < limit)) {
                Instant now = clock.instant();
                Scenario s = scenarioAt(now);
                if (s == Scenario.QUIET) {
                    factory.next(now, s); // no event, but the factory sees the scenario change
                    LockSupport.parkNanos(MAX_PARK_NANOS);
                    due = System.nanoTime();
                    continue;
                }
                if (skipIfSent(s, now)) {
                    continue;
                }
                double r = rate;
                if (r != appliedRate) {
                    // One new interval after the last send, or now if that is already past.
                    appliedRate = r;
                    long t = System.nanoTime();
                    due = r > 0 && lastSend + interval(r) - t > 0 ? lastSend + interval(r) : t;
                }
                if (r > 0) {
                    long t = System.nanoTime();
                    if (t - due < 0) {
                        LockSupport.parkNanos(Math.min(due - t, MAX_PARK_NANOS));
                        continue;
                    }
                    if (t - due > maxLag) {
                        due = t - maxLag;
                    }
                    due += interval(r);
                    lastSend = t;
                } else {
                    lastSend = System.nanoTime();
                }
                GeneratedEvent next = pending != null ? pending : factory.next(now, s);
                pending = null;
                send(producer, next);
            }
            if (!stopping) {
                producer.flush();
                LOG.info("Generator finished: {} events produced, {} acknowledged, {} failed",
                        produced.get(), acknowledged.get(), failed.get());
            }
        } catch (Throwable e) {
            lastError.set(e);
            if (stopping) {
                LOG.warn("Generator interrupted while closing after {} events: {}", produced.get(), e.toString());
            } else {
                LOG.error("Generator stopped after {} events: {}", produced.get(), e.toString(), e);
            }
        } finally {
            try {
                producer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("Closing the generator's producer failed: {}", e.toString());
            }
            finished.countDown();
        }
    }

    /**
     * Makes the next event and drops it if it is already on the topic: no send and no pacing, so a
     * resumed run fast-forwards through what the previous attempt sent.
     */
    private boolean skipIfSent(Scenario s, Instant now) {
        if (alreadySent == AlreadySent.NONE) {
            return false;
        }
        long index = produced.get();
        if (pending == null) {
            pending = factory.next(now, s);
        }
        if (!alreadySent.contains(index, pending.key())) {
            return false;
        }
        tally.add(pending.message());
        pending = null;
        skipped.incrementAndGet();
        acknowledged.incrementAndGet();
        produced.incrementAndGet();
        return true;
    }

    private static long interval(double eventsPerSecond) {
        return Math.max(1L, (long) (1e9 / eventsPerSecond));
    }

    private void send(Producer<String, LogEvent> producer, GeneratedEvent e) {
        PaymentMessage m = e.message();
        ProducerRecord<String, LogEvent> record = new ProducerRecord<>(Topics.RAW, e.key(), e.event());
        record.headers().add(SEQUENCE_HEADER, Long.toString(produced.get()).getBytes(StandardCharsets.US_ASCII));
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                tally.add(m);
                acknowledged.incrementAndGet();
            } else {
                onFailure(error);
            }
        });
        produced.incrementAndGet();
    }

    private void onFailure(Exception error) {
        failed.incrementAndGet();
        lastError.set(error);
        if (loggedFailureKinds.putIfAbsent(error.getClass().getName(), Boolean.TRUE) == null) {
            LOG.warn("Generator send failed ({}; further failures of this kind are only counted): {}",
                    error.getClass().getSimpleName(), error.getMessage());
        }
    }

    /** A scenario and when it ends (null: it does not). */
    private record ScenarioState(Scenario scenario, Instant until) {
    }
}

package io.paypulse.bench;

import io.paypulse.alert.RulesFile;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.config.Scenario;
import io.paypulse.event.Group;
import io.paypulse.event.LogEvent;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.process.ProcessorService;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Event-to-aggregate-update latency at a paced rate, the shipped processor (exactly_once_v2,
 * commit 100 ms, live updates every 100 ms, CSV sinks on) on emptied topics.
 *
 * <p>A producer loop on thread {@code bench-producer} sends EventFactory events at {@code rate}
 * with the generator's producer settings (idempotent, acks=all, lz4, linger 10 ms, 256 KB
 * batches) and notes the {@link System#nanoTime()} of the k-th send of each (window, group). A
 * read_committed consumer of {@code payment-agg-1m} takes each live update (count c for window w,
 * group g) and its latency is receive time minus the send time of the c-th event of (w, g). The
 * events an update counts may arrive at the processor out of send order across partitions, but c
 * of them include at least one sent as c-th or later, so this is an upper bound of the latency of
 * the newest event the update includes. Updates received during the warm-up are left out.
 */
final class LatencyBench {

    record Result(double rate, double warmupSeconds, double measuredSeconds, long sent, long failed,
                  double achievedRate, int updates, int measured, int unmatched, int finals,
                  double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs, ResourceMonitor.Usage usage) {
    }

    private LatencyBench() {
    }

    static Result run(BenchEnv env, double rate, Duration warmup, Duration measured) throws Exception {
        env.truncate(List.of(Topics.RAW, Topics.PARSED, Topics.AGGREGATES, Topics.ALERTS, Topics.DLQ));
        PayPulseConfig base = env.config("latency");
        ProcessorSettings d = base.processor();
        PayPulseConfig config = base.withProcessor(d.with(b -> b.applicationId = "bench-latency"));

        List<long[]> updates = new ArrayList<>();
        AtomicLong finals = new AtomicLong();
        AggregateFollower follower = new AggregateFollower(env.bootstrap(), (at, a) -> {
            if (a.isFinal()) {
                finals.incrementAndGet();
                return;
            }
            synchronized (updates) {
                updates.add(new long[] {at, a.start().toEpochMilli(), a.group().index(), a.eventCount()});
            }
        });
        ProcessorService processor = new ProcessorService(config, RulesFile.defaults());
        Map<Long, LongList> sendTimes = new HashMap<>();
        AtomicLong failed = new AtomicLong();
        long[] sent = new long[1];
        long[] window = new long[2];
        ResourceMonitor.Usage usage;
        try {
            processor.start();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (processor.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > until || processor.failure() != null) {
                    throw new IllegalStateException("the processor did not reach RUNNING: " + processor.state(),
                            processor.failure());
                }
                Thread.sleep(50); // polling the Streams state
            }
            follower.start();
            env.monitor.begin("Latency " + (int) rate + "/s");
            Thread producer = new Thread(() -> produce(env.bootstrap(), rate, warmup.plus(measured), sendTimes, failed,
                    sent, window), "bench-producer");
            producer.start();
            producer.join();
            Thread.sleep(3_000); // updates for the last events
            usage = env.monitor.end();
        } finally {
            follower.close();
            processor.close();
        }
        if (follower.failure() != null) {
            throw new IllegalStateException("the aggregate follower failed", follower.failure());
        }

        long measureFrom = window[0] + warmup.toNanos();
        long[] latencies = new long[updates.size()];
        int n = 0;
        int unmatched = 0;
        for (long[] u : updates) {
            if (u[0] < measureFrom) {
                continue;
            }
            LongList times = sendTimes.get(u[1] * 4 + u[2]);
            int c = (int) u[3];
            if (times == null || c < 1 || c > times.size) {
                unmatched++; // an update counting events we did not send: must not happen
                continue;
            }
            latencies[n++] = u[0] - times.values[c - 1];
        }
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        double seconds = (window[1] - window[0]) / 1e9;
        return new Result(rate, warmup.toMillis() / 1000.0, measured.toMillis() / 1000.0, sent[0], failed.get(),
                sent[0] / seconds, updates.size(), n, unmatched, (int) finals.get(),
                pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), n == 0 ? Double.NaN : l[n - 1] / 1e6,
                n == 0 ? Double.NaN : Arrays.stream(l).average().orElse(0) / 1e6, usage);
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    private static void produce(String bootstrap, double rate, Duration duration, Map<Long, LongList> sendTimes,
            AtomicLong failed, long[] sent, long[] window) {
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "bench-latency-producer");
        // The generator's settings (Generator.producerConfig).
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        EventFactory factory = new EventFactory(7L);
        long interval = (long) (1e9 / rate);
        try (KafkaProducer<String, LogEvent> producer = new KafkaProducer<>(props, Topics.KEY.serializer(),
                Topics.RAW_VALUE.serializer())) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            window[0] = start;
            long n = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = start + n * interval;
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                long ms = System.currentTimeMillis();
                GeneratedEvent e = factory.next(Instant.ofEpochMilli(ms), Scenario.NORMAL);
                long key = (ms - Math.floorMod(ms, 60_000L)) * 4
                        + Group.of(e.message().type(), e.message().failed()).index();
                sendTimes.computeIfAbsent(key, k -> new LongList()).add(System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.RAW, e.key(), e.event()), (md, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
                n++;
            }
            window[1] = System.nanoTime();
            sent[0] = n;
            producer.flush();
        }
    }

    /** A growable array of longs. */
    static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}

package io.paypulse.bench;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.Scenario;
import io.paypulse.event.Group;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.generate.PythonLogFormat;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Event → aggregate latency against a running {@code paypulse process} JVM: a producer paced at
 * {@code rate} sends events in the original project's format (event time = now, microseconds) with
 * the generator's producer settings, noting the send time of the k-th event of each window ×
 * group; a read_committed follower of {@code payment-agg-1m} takes each live update (count c) and
 * its latency is its receive time minus the send time of the c-th event of that window and group
 * (an upper bound for the newest event it includes; see {@link LatencyBench}). Updates received
 * during the warm-up are left out.
 */
final class PacedLatency {

    record Result(double rate, double achievedRate, long sent, long failed, int measured, int unmatched,
                  double p50Ms, double p99Ms, double maxMs) {
    }

    private PacedLatency() {
    }

    /**
     * @param sendTimes send times of the k-th event per window × group, shared by the runs against one
     *                  processor: a window spans runs, so its counts include the earlier runs' events
     */
    static Result run(String bootstrap, double rate, Duration warmup, Duration measured, long seed,
            Map<Long, LatencyBench.LongList> sendTimes) throws Exception {
        List<long[]> updates = new ArrayList<>();
        AggregateFollower follower = new AggregateFollower(bootstrap, (at, a) -> {
            if (!a.isFinal()) {
                synchronized (updates) {
                    updates.add(new long[] {at, a.start().toEpochMilli(), a.group().index(), a.eventCount()});
                }
            }
        });
        follower.start();
        AtomicLong failed = new AtomicLong();
        long start;
        long end;
        long n = 0;
        Map<String, Object> props = ClusterClients.base(bootstrap, Map.of(), "bench-users-shape-latency");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        EventFactory factory = new EventFactory(seed);
        long interval = (long) (1e9 / rate);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            start = System.nanoTime();
            long until = start + warmup.plus(measured).toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now >= until) {
                    break;
                }
                long due = start + n * interval;
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                Instant at = Instant.now();
                GeneratedEvent e = factory.next(at, Scenario.NORMAL);
                WindowGroundTruth.Key k = WindowGroundTruth.keyOf(at, Group.of(e.message().type(), e.message().failed()));
                byte[] value = PythonLogFormat.bytes(e.event());
                sendTimes.computeIfAbsent(k.windowStartMillis() * 4 + k.group().index(),
                        x -> new LatencyBench.LongList()).add(System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.RAW, e.key(), value), (md, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
                n++;
            }
            end = System.nanoTime();
            producer.flush();
        }
        // Updates for the last events (commit 100 ms, transactions), bounded.
        long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < settle && !coversAll(updates, sendTimes)) {
            Thread.sleep(100); // polling what the follower thread has collected
        }
        follower.close();
        if (follower.failure() != null) {
            throw new IllegalStateException("the aggregate follower failed", follower.failure());
        }
        long measureFrom = start + warmup.toNanos();
        long[] latencies = new long[updates.size()];
        int m = 0;
        int unmatched = 0;
        synchronized (updates) {
            for (long[] u : updates) {
                if (u[0] < measureFrom) {
                    continue;
                }
                LatencyBench.LongList times = sendTimes.get(u[1] * 4 + u[2]);
                int c = (int) u[3];
                if (times == null || c < 1 || c > times.size) {
                    unmatched++;
                    continue;
                }
                latencies[m++] = u[0] - times.values[c - 1];
            }
        }
        long[] l = Arrays.copyOf(latencies, m);
        Arrays.sort(l);
        return new Result(rate, n / ((end - start) / 1e9), n, failed.get(), m, unmatched,
                LatencyBench.pct(l, 0.50), LatencyBench.pct(l, 0.99), m == 0 ? Double.NaN : l[m - 1] / 1e6);
    }

    /** True when, for every window × group sent, some update counted all its events. */
    private static boolean coversAll(List<long[]> updates, Map<Long, LatencyBench.LongList> sendTimes) {
        Map<Long, Long> best = new HashMap<>();
        synchronized (updates) {
            for (long[] u : updates) {
                best.merge(u[1] * 4 + u[2], u[3], Math::max);
            }
        }
        for (Map.Entry<Long, LatencyBench.LongList> e : sendTimes.entrySet()) {
            if (best.getOrDefault(e.getKey(), 0L) < e.getValue().size) {
                return false;
            }
        }
        return true;
    }
}

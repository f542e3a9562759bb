package io.paypulse.bench;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.GeneratorSettings;
import io.paypulse.generate.Generator;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The shipped Generator at rate 0 (as fast as possible) sending {@code events} events to the
 * embedded broker, timed from {@code start()} until every send is acknowledged (its producer:
 * idempotent, acks=all, lz4, linger 10 ms, 256 KB batches). Leaves the raw topic filled for
 * {@link ProcessorBench}.
 */
final class GeneratorBench {

    record Result(long events, double seconds, long acknowledged, long failed, long rawBytesOnDisk,
                  ResourceMonitor.Usage usage) {

        double perSecond() {
            return acknowledged / seconds;
        }
    }

    private GeneratorBench() {
    }

    static Result run(BenchEnv env, long events) throws InterruptedException {
        Generator generator = new Generator(ClusterClients.base(env.bootstrap(), Map.of(), "paypulse-generator"),
                GeneratorSettings.defaults().with(s -> {
                    s.rate = 0;
                    s.events = events;
                    s.seed = 42L;
                }), Clock.systemUTC());
        env.monitor.begin("Generator");
        long t0 = System.nanoTime();
        generator.start();
        boolean done = generator.awaitDone(Duration.ofMinutes(3));
        long t1 = System.nanoTime();
        ResourceMonitor.Usage usage = env.monitor.end();
        generator.close();
        if (!done) {
            throw new IllegalStateException("the generator did not get " + events + " acknowledgements: "
                    + generator.sent() + " acknowledged, " + generator.failed() + " failed, last error "
                    + generator.lastError().map(Throwable::toString).orElse("none"));
        }
        long onTopic = env.endOffsets(Topics.RAW);
        if (onTopic != events) {
            throw new IllegalStateException("the raw topic holds " + onTopic + " records, expected " + events);
        }
        return new Result(events, (t1 - t0) / 1e9, generator.sent(), generator.failed(), env.topicBytes(Topics.RAW), usage);
    }
}

package io.paypulse.bench;

import io.paypulse.config.Scenario;
import io.paypulse.event.LogEvent;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.topic.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The in-process baseline of the generator: EventFactory alone (what the generator's loop does
 * besides {@code producer.send}), then the same plus the JSON serialisation the producer does.
 * One thread, after a short warm-up, normal scenario, as the generator calls it (clock read per event).
 */
final class EventFactoryBench {

    record Result(long events, double factoryPerSecond, double withJsonPerSecond, double meanJsonBytes,
                  ResourceMonitor.Usage usage) {
    }

    private EventFactoryBench() {
    }

    static Result run(ResourceMonitor monitor, long events) {
        Clock clock = Clock.systemUTC();
        EventFactory warm = new EventFactory(1L);
        Serializer<LogEvent> json = Topics.RAW_VALUE.serializer();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += json.serialize(Topics.RAW, warm.next(clock.instant(), Scenario.NORMAL).event()).length;
        }

        monitor.begin("EventFactory alone");
        EventFactory factory = new EventFactory(42L);
        long t0 = System.nanoTime();
        for (long i = 0; i < events; i++) {
            GeneratedEvent e = factory.next(clock.instant(), Scenario.NORMAL);
            sink += e.key().length() + e.event().message().length();
        }
        long t1 = System.nanoTime();

        factory = new EventFactory(42L);
        long bytes = 0;
        for (long i = 0; i < events; i++) {
            bytes += json.serialize(Topics.RAW, factory.next(clock.instant(), Scenario.NORMAL).event()).length;
        }
        long t2 = System.nanoTime();
        ResourceMonitor.Usage usage = monitor.end();
        if (sink == 42) {
            System.err.print(""); // keeps the loop's results alive
        }
        return new Result(events, events / ((t1 - t0) / 1e9), events / ((t2 - t1) / 1e9), (double) bytes / events,
                usage);
    }
}

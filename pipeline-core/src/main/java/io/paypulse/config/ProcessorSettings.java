package io.paypulse.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param grace          how late an event may be and still count in its window
 * @param guarantee      Kafka Streams processing.guarantee (exactly_once_v2 or at_least_once)
 * @param commitInterval Kafka Streams commit interval; also bounds live-update latency
 * @param rulesFile      alert rules YAML; null means the rules shipped with PayPulse
 * @param threads        Kafka Streams stream threads in this instance
 * @param applicationId  Kafka Streams application id (the consumer group instances share)
 * @param sinks          whether this instance writes the CSV files (one instance per output dir)
 * @param httpPort       port of the /health and /metrics endpoint on all interfaces; 0 means off
 * @param stallTimeout   how long the processor may make no progress with records waiting before
 *                       /health says DOWN
 */
public record ProcessorSettings(
        Duration grace,
        String guarantee,
        Duration commitInterval,
        Path rulesFile,
        int threads,
        String applicationId,
        boolean sinks,
        int httpPort,
        Duration stallTimeout) {

    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    /** With the default stall timeout. */
    public ProcessorSettings(Duration grace, String guarantee, Duration commitInterval, Path rulesFile, int threads,
            String applicationId, boolean sinks, int httpPort) {
        this(grace, guarantee, commitInterval, rulesFile, threads, applicationId, sinks, httpPort,
                DEFAULT_STALL_TIMEOUT);
    }

    public static ProcessorSettings defaults() {
        return new ProcessorSettings(Duration.ofSeconds(5), "exactly_once_v2", Duration.ofMillis(100), null, 1,
                "paypulse-processor", true, 0);
    }

    public ProcessorSettings withHttpPort(int port) {
        return new ProcessorSettings(grace, guarantee, commitInterval, rulesFile, threads, applicationId, sinks, port,
                stallTimeout);
    }

    public ProcessorSettings withStallTimeout(Duration timeout) {
        return new ProcessorSettings(grace, guarantee, commitInterval, rulesFile, threads, applicationId, sinks, httpPort,
                timeout);
    }
}

package io.paypulse.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /health} answers: UP (HTTP 200) while Kafka Streams is RUNNING or REBALANCING,
 * DOWN (HTTP 503) in every other state or once the processor has failed.
 *
 * @param up      whether the processor is doing its work
 * @param streams the Kafka Streams state name, e.g. RUNNING
 * @param reason  why it is DOWN; null when UP
 */
public record HealthReport(boolean up, String streams, String reason) {

    public static HealthReport of(KafkaStreams.State state, Throwable failure) {
        if (failure != null) {
            return new HealthReport(false, state.name(), "the processor failed: " + failure);
        }
        return switch (state) {
            case RUNNING, REBALANCING -> new HealthReport(true, state.name(), null);
            case CREATED -> new HealthReport(false, state.name(), "not started yet");
            case PENDING_SHUTDOWN, NOT_RUNNING -> new HealthReport(false, state.name(), "stopping or stopped");
            case PENDING_ERROR, ERROR -> new HealthReport(false, state.name(), "stopped after an error");
        };
    }

    /** 200 when UP, 503 when DOWN. */
    public int httpStatus() {
        return up ? 200 : 503;
    }

    /** The JSON body's fields in order: status, streams, and reason when DOWN. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", up ? "UP" : "DOWN");
        m.put("streams", streams);
        if (reason != null) {
            m.put("reason", reason);
        }
        return m;
    }
}

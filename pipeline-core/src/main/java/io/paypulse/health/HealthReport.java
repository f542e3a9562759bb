package io.paypulse.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /health} answers: UP (HTTP 200) while Kafka Streams is RUNNING or REBALANCING
 * and, when progress is looked at, the cluster answers and the processor is not stalled; DOWN
 * (HTTP 503) otherwise, with the reason.
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

    /**
     * {@link #of(KafkaStreams.State, Throwable)}, and while that says UP, DOWN anyway when the
     * cluster is unreachable or the processor has stalled with records waiting (issue 10 §2: it
     * said UP "REBALANCING" for 85 s while nothing was processed, 30 s of it with the broker dead).
     *
     * @param progress one look at the group's progress (null: not looked, the state alone decides)
     * @param stalled  why the processor counts as stalled, from a {@link StallWatch}, if it does
     */
    public static HealthReport of(KafkaStreams.State state, Throwable failure, GroupProgress progress,
            Optional<String> stalled) {
        HealthReport byState = of(state, failure);
        if (!byState.up() || progress == null) {
            return byState;
        }
        if (!progress.reachable()) {
            return new HealthReport(false, state.name(), "cannot reach the Kafka cluster: " + progress.problem());
        }
        return stalled.map(why -> new HealthReport(false, state.name(), why)).orElse(byState);
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

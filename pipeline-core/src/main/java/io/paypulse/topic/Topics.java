package io.paypulse.topic;

import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.LogEvent;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.WindowAggregate;
import io.paypulse.event.serde.JsonSerde;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of pipeline topics and their serdes, used by generator, processor, sinks,
 * app and tests. Keys are strings everywhere.
 */
public final class Topics {

    public static final String RAW = "payment";
    public static final String PARSED = "payment-parsed";
    public static final String AGGREGATES = "payment-agg-1m";
    public static final String ALERTS = "payment-alerts";
    public static final String DLQ = "payment-dlq";
    /** Silences shared by the app and headless processors (compacted; key = silence id). */
    public static final String SILENCES = "payment-silences";
    /** Delivery receipts of alerts to contact points (compacted; key = alertId|state|contactPoint). */
    public static final String NOTIFICATIONS = "payment-notifications";

    /**
     * State topics keyed by id, of which every reader needs the last record of each key for good: one
     * partition and {@code cleanup.policy=compact} (decisions 0012 and 0013), created with
     * {@code TopicSetup.ensureCompacted}, never with the pipeline topics' default policy.
     */
    public static final List<String> COMPACTED = List.of(SILENCES, NOTIFICATIONS);

    public static final Serde<String> KEY = Serdes.String();
    public static final Serde<LogEvent> RAW_VALUE = new JsonSerde<>(LogEvent.class);
    public static final Serde<ParsedEvent> PARSED_VALUE = new JsonSerde<>(ParsedEvent.class);
    public static final Serde<WindowAggregate> AGGREGATE_VALUE = new JsonSerde<>(WindowAggregate.class);
    public static final Serde<Alert> ALERT_VALUE = new JsonSerde<>(Alert.class);
    public static final Serde<DeadLetter> DLQ_VALUE = new JsonSerde<>(DeadLetter.class);

    private Topics() {
    }

    /**
     * Topics the pipeline needs, with how many partitions each gets. The raw and parsed topics
     * take {@code partitions} (they carry the volume); aggregates and alerts are a trickle and keep
     * one partition so consumers see them in order.
     */
    public static Map<String, Integer> partitionsByTopic(int partitions) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(RAW, partitions);
        m.put(PARSED, partitions);
        m.put(AGGREGATES, 1);
        m.put(ALERTS, 1);
        m.put(DLQ, 1);
        return m;
    }

    /** Every topic PayPulse uses: the pipeline's ({@link #partitionsByTopic}) then the {@link #COMPACTED} ones. */
    public static List<String> all() {
        List<String> names = new ArrayList<>(partitionsByTopic(1).keySet());
        names.addAll(COMPACTED);
        return List.copyOf(names);
    }
}

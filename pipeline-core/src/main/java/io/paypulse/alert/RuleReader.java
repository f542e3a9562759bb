package io.paypulse.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.Severity;
import java.time.Duration;
import java.util.Locale;

/**
 * Builds one rule from a mapping that passed {@code rules.schema.json} and {@link KeyChecks} (so every
 * key is known and every value has its type and range), applying the documented defaults.
 */
final class RuleReader {

    private final JsonNode node;

    RuleReader(JsonNode node) {
        this.node = node;
    }

    /** The rule; the mapping passed the schema and {@link KeyChecks}. */
    AlertRule read() {
        String name = node.get("name").asText();
        Severity severity = Severity.valueOf(node.get("severity").asText());
        String description = node.path("description").asText("");
        boolean enabled = node.path("enabled").asBoolean(true);
        return switch (node.get("kind").asText()) {
            case "threshold" -> threshold(name, severity, description, enabled);
            case "no-data" -> new NoDataRule(name, severity, description, enabled,
                    Duration.ofSeconds(node.get("after").asLong()));
            case "anomaly" -> anomaly(name, severity, description, enabled);
            case "velocity" -> new VelocityRule(name, severity, description, enabled, node.get("threshold").asLong(),
                    node.path("outlier-factor").asDouble(0));
            default -> throw new IllegalStateException("the schema lets kind " + node.get("kind") + " through");
        };
    }

    private ThresholdRule threshold(String name, Severity severity, String description, boolean enabled) {
        ThresholdRule.Metric metric = metric();
        Selector selector = new Selector(type(), metric == ThresholdRule.Metric.FAILURE_RATE
                ? Selector.Status.ANY : status());
        ThresholdRule.Operator operator = ThresholdRule.Operator.valueOf(upper(node.path("operator").asText("above")));
        double threshold = node.get("threshold").asDouble();
        double recovery = node.path("recovery").asDouble(threshold);
        int forWindows = node.path("for").asInt(1);
        long minEvents = node.path("min-events").asLong(0);
        return new ThresholdRule(name, severity, description, enabled, metric, selector, operator, threshold,
                recovery, forWindows, minEvents);
    }

    private AnomalyRule anomaly(String name, Severity severity, String description, boolean enabled) {
        int windows = node.path("windows").asInt(10);
        int minHistory = node.path("min-history").asInt(Math.min(5, windows));
        return new AnomalyRule(name, severity, description, enabled, metric(), new Selector(type(), status()),
                node.path("k").asDouble(3.0), windows, minHistory, node.path("min-band-pct").asDouble(0),
                node.path("for").asInt(1));
    }

    private ThresholdRule.Metric metric() {
        return ThresholdRule.Metric.valueOf(upper(node.get("metric").asText()).replace('-', '_'));
    }

    private Selector.Type type() {
        return Selector.Type.valueOf(upper(node.path("type").asText("any")));
    }

    private Selector.Status status() {
        return Selector.Status.valueOf(upper(node.path("status").asText("any")));
    }

    private static String upper(String spelling) {
        return spelling.toUpperCase(Locale.ROOT);
    }
}

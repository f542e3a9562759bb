package io.paypulse.process.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds one rule from a mapping {@code rules.schema.json} accepted (so every key is known and every
 * value has its type and range), applying the documented defaults. Checks only what a schema cannot
 * say: a value bounded by another key of the rule ({@code recovery} by {@code threshold} and
 * {@code operator}, {@code min-history} by {@code windows}).
 */
final class RuleReader {

    private final JsonNode node;
    private final String where;

    /** @param where how messages name the rule, e.g. {@code Rule 'x' in rules.yaml} */
    RuleReader(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /**
     * The allowed values of a key bounded by another key of the rule, for the schema's mistakes about
     * that key too, so a bad {@code recovery} reads the same whichever check finds it.
     */
    static Optional<String> boundedAllowed(String key, JsonNode rule) {
        if ("recovery".equals(key) && rule.path("threshold").isNumber()) {
            double threshold = rule.get("threshold").asDouble();
            boolean below = "below".equals(rule.path("operator").asText());
            return Optional.of((below ? "a number from the threshold " : "a number from 0 to the threshold ")
                    + Texts.plain(threshold) + (below ? (isRate(rule) ? " to 100" : " up") : "")
                    + ", since the operator is " + (below ? "below" : "above"));
        }
        if ("min-history".equals(key)) {
            return Optional.of("a whole number from 2 to " + rule.path("windows").asInt(10));
        }
        return Optional.empty();
    }

    /** The rule, or the mistake between two keys. */
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
        boolean rate = metric.isPercent();
        Selector selector = new Selector(type(), metric == ThresholdRule.Metric.FAILURE_RATE
                ? Selector.Status.ANY : status());
        ThresholdRule.Operator operator = ThresholdRule.Operator.valueOf(upper(node.path("operator").asText("above")));
        double threshold = node.get("threshold").asDouble();
        double recovery = node.path("recovery").asDouble(threshold);
        boolean above = operator == ThresholdRule.Operator.ABOVE;
        double low = above ? 0 : threshold;
        double high = above ? threshold : (rate ? 100 : Double.MAX_VALUE);
        if (recovery < low || recovery > high) {
            throw bounded("recovery");
        }
        int forWindows = node.path("for").asInt(1);
        long minEvents = node.path("min-events").asLong(0);
        return new ThresholdRule(name, severity, description, enabled, metric, selector, operator, threshold,
                recovery, forWindows, minEvents);
    }

    private AnomalyRule anomaly(String name, Severity severity, String description, boolean enabled) {
        int windows = node.path("windows").asInt(10);
        int minHistory = node.path("min-history").asInt(Math.min(5, windows));
        if (minHistory > windows) {
            throw bounded("min-history");
        }
        return new AnomalyRule(name, severity, description, enabled, metric(), new Selector(type(), status()),
                node.path("k").asDouble(3.0), windows, minHistory, node.path("min-band-pct").asDouble(0),
                node.path("for").asInt(1));
    }

    private RulesException bounded(String key) {
        Mistake mistake = Mistake.invalid(key, node.get(key), boundedAllowed(key, node).orElseThrow());
        return new RulesException(mistake.sentence(where));
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

    private static boolean isRate(JsonNode rule) {
        String metric = rule.path("metric").asText();
        return metric.equals("failure-rate") || metric.equals("share");
    }

    private static String upper(String spelling) {
        return spelling.toUpperCase(Locale.ROOT);
    }
}

package io.paypulse.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of a rule that {@code rules.schema.json} cannot express, found as {@link Mistake}s so
 * they are ranked with the schema's own: a value bounded by another key ({@code recovery} by
 * {@code threshold} and {@code operator}, {@code min-history} by {@code windows}), and a whole
 * number written with a point ({@code for: 2.0}), which JSON Schema counts as an integer but the
 * rules file never accepted.
 */
final class KeyChecks {

    private KeyChecks() {
    }

    /** What is wrong between the keys of a rule mapping, in no particular order (the caller ranks them). */
    static List<Mistake> of(JsonNode rule, RulesSchema schema) {
        List<Mistake> found = new ArrayList<>();
        JsonNode kind = schema.definition(rule.path("kind").asText());
        rule.fields().forEachRemaining(field -> {
            JsonNode property = schema.resolved(kind.path("properties").path(field.getKey()));
            if (property.path("type").asText().equals("integer") && field.getValue().isFloatingPointNumber()) {
                found.add(invalid(field.getKey(), rule, schema.allowed(property)));
            }
        });
        JsonNode threshold = rule.path("threshold");
        JsonNode recovery = rule.path("recovery");
        if (threshold.isNumber() && recovery.isNumber()) {
            boolean below = isBelow(rule);
            double low = below ? threshold.asDouble() : 0;
            double high = below ? (isRate(rule) ? 100 : Double.MAX_VALUE) : threshold.asDouble();
            if (recovery.asDouble() < low || recovery.asDouble() > high) {
                found.add(invalid("recovery", rule, ""));
            }
        }
        JsonNode windows = rule.path("windows");
        JsonNode minHistory = rule.path("min-history");
        if (minHistory.isIntegralNumber() && (windows.isIntegralNumber() || windows.isMissingNode() || windows.isNull())
                && minHistory.asLong() > windows.asLong(10)) {
            found.add(invalid("min-history", rule, ""));
        }
        // Only keys of the rule's kind: another kind's key is an unknown key, found by the schema.
        found.removeIf(m -> !kind.path("properties").has(m.key()));
        return found;
    }

    /**
     * The allowed values of a key bounded by another key of the rule, also for the schema's mistakes
     * about that key, so a bad {@code recovery} reads the same whichever check finds it.
     */
    static Optional<String> boundedAllowed(String key, JsonNode rule) {
        if ("recovery".equals(key) && rule.path("threshold").isNumber()) {
            boolean below = isBelow(rule);
            return Optional.of((below ? "a number from the threshold " : "a number from 0 to the threshold ")
                    + Texts.plain(rule.get("threshold").asDouble()) + (below ? (isRate(rule) ? " to 100" : " up") : "")
                    + ", since the operator is " + (below ? "below" : "above"));
        }
        if ("min-history".equals(key)) {
            return Optional.of("a whole number from 2 to " + rule.path("windows").asInt(10));
        }
        return Optional.empty();
    }

    private static Mistake invalid(String key, JsonNode rule, String allowed) {
        return Mistake.invalid(key, rule.get(key), boundedAllowed(key, rule).orElse(allowed));
    }

    private static boolean isBelow(JsonNode rule) {
        return "below".equals(rule.path("operator").asText());
    }

    private static boolean isRate(JsonNode rule) {
        String metric = rule.path("metric").asText();
        return metric.equals("failure-rate") || metric.equals("share");
    }
}

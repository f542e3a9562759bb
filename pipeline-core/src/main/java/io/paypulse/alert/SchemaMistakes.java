package io.paypulse.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules schema's errors as our {@link Mistake}s, the first one a reader would fix first: the
 * file's own keys before the rules, a rule's mistakes in the order of its keys in the schema
 * (name, kind, unknown keys, severity, ... , metric, keys the metric does not take, the metric's
 * keys). The validator reports every error at once, in its own order, so we pick.
 */
final class SchemaMistakes {

    private final RulesSchema schema;
    private final List<Error> errors;

    private SchemaMistakes(RulesSchema schema, List<Error> errors) {
        this.schema = schema;
        this.errors = errors;
    }

    /** Validates a rules document (a mapping). */
    static SchemaMistakes of(JsonNode root) {
        return new SchemaMistakes(RulesSchema.INSTANCE, RulesSchema.INSTANCE.validate(root));
    }

    /** The first mistake in the file's top-level keys ({@code rules}, {@code notifications}). */
    Optional<Mistake> inFile() {
        return errors.stream().filter(e -> e.getInstanceLocation().getNameCount() <= 1 && !isEmptyOptional(e))
                // An unknown key, then a missing 'rules', then a 'rules' that is not a list.
                .min(Comparator.comparingInt((Error e) -> e.getInstanceLocation().getNameCount())
                        .thenComparing(e -> !e.getKeyword().equals("additionalProperties")))
                .map(e -> e.getKeyword().equals("additionalProperties")
                        ? unknown(e.getProperty(), RulesSchema.keys(schema.root()))
                        : mistake(e, "rules", MissingNode.getInstance()));
    }

    /**
     * The first mistake of the rule at {@code index} (from 0), among the schema's and those of
     * {@link KeyChecks}, ranked by key.
     */
    Optional<Mistake> inRule(int index, JsonNode rule) {
        List<String> order = keysOf(rule);
        List<String> written = new ArrayList<>();
        rule.fieldNames().forEachRemaining(written::add);
        List<Candidate> candidates = new ArrayList<>();
        for (Error e : errors) {
            NodePath at = e.getInstanceLocation();
            if (at.getNameCount() >= 2 && Integer.valueOf(index).equals(at.getElement(1))
                    && !isEcho(e, order) && !isEmptyOptional(e)) {
                String key = e.getProperty() != null ? e.getProperty() : key(e);
                candidates.add(new Candidate(rank(e, order), written.indexOf(key), () -> ruleMistake(e, rule, order)));
            }
        }
        if (rule.isObject()) {
            for (Mistake m : KeyChecks.of(rule, schema)) {
                candidates.add(new Candidate(order.indexOf(m.key()), written.indexOf(m.key()), () -> m));
            }
        }
        // Two unknown keys: the first one written, as a reader meets them.
        return candidates.stream().min(Comparator.comparingDouble(Candidate::rank).thenComparingInt(Candidate::written))
                .map(c -> c.mistake().get());
    }

    private record Candidate(double rank, int written, Supplier<Mistake> mistake) {
    }

    /** The keys a rule of its kind may have (common keys, then the kind's), or the common keys for an unknown kind. */
    private List<String> keysOf(JsonNode rule) {
        List<String> keys = RulesSchema.keys(schema.definition("rule"));
        JsonNode kind = rule.path("kind");
        for (JsonNode known : schema.definition("rule").path("properties").path("kind").path("enum")) {
            if (known.equals(kind)) {
                keys.addAll(RulesSchema.keys(schema.definition(kind.asText())));
            }
        }
        return keys;
    }

    /**
     * A failed branch drops what it evaluated, so {@code unevaluatedProperties} then also names keys
     * the kind has: those are echoes of the branch's own error, not unknown keys.
     */
    private static boolean isEcho(Error e, List<String> kindKeys) {
        return e.getKeyword().equals("unevaluatedProperties") && kindKeys.contains(e.getProperty());
    }

    /**
     * A key written with no value ({@code for:}) counts as absent: fine when optional, "missing" when
     * required. Its key still counts, so one the rule does not take is still unknown.
     */
    private boolean isEmptyOptional(Error e) {
        return isEmpty(e) && !requiredWhere(e);
    }

    private static boolean isEmpty(Error e) {
        return e.getInstanceNode() != null && e.getInstanceNode().isNull() && key(e) != null
                && !List.of("false", "unevaluatedProperties", "additionalProperties", "required")
                        .contains(e.getKeyword());
    }

    /** Whether the schema object holding the key's property (…/X/properties/key/keyword) requires it. */
    private boolean requiredWhere(Error e) {
        NodePath fragment = e.getSchemaLocation().getFragment();
        for (JsonNode required : schema.at(fragment, fragment.getNameCount() - 3).path("required")) {
            if (required.asText().equals(key(e))) {
                return true;
            }
        }
        return false;
    }

    private static double rank(Error e, List<String> order) {
        String keyword = e.getKeyword();
        if (keyword.equals("unevaluatedProperties")) {
            return order.indexOf("kind") + 0.5;
        }
        if (keyword.equals("false")) {
            return order.indexOf("metric") + 0.5;
        }
        String key = key(e);
        return key == null ? -1 : order.indexOf(key);
    }

    private Mistake ruleMistake(Error e, JsonNode rule, List<String> order) {
        return switch (e.getKeyword()) {
            case "unevaluatedProperties" -> unknown(e.getProperty(), order);
            case "false" -> {
                // The branch that forbids this key names the other keys its metric does not take.
                NodePath fragment = e.getSchemaLocation().getFragment();
                JsonNode branch = schema.at(fragment, fragment.getNameCount() - 3);
                List<String> allowed = new ArrayList<>(order);
                branch.path("properties").fields().forEachRemaining(f -> {
                    if (f.getValue().isBoolean() && !f.getValue().asBoolean()) {
                        allowed.remove(f.getKey());
                    }
                });
                yield unknown(key(e), allowed);
            }
            default -> mistake(e, null, rule);
        };
    }

    /** A required, type, enum, range or pattern error: missing or invalid, with the property's allowed values. */
    private Mistake mistake(Error e, String fallbackKey, JsonNode rule) {
        if (e.getKeyword().equals("required")) {
            JsonNode property = schema.owner(e).path("properties").path(e.getProperty());
            return new Mistake(Mistake.Problem.MISSING, e.getProperty(), null, schema.allowed(property));
        }
        String key = key(e) == null ? fallbackKey : key(e);
        if (isEmpty(e)) {
            return new Mistake(Mistake.Problem.MISSING, key, null, schema.allowed(schema.owner(e)));
        }
        // A key bounded by another reads the same whether the schema or KeyChecks finds it.
        String allowed = KeyChecks.boundedAllowed(key, rule).orElseGet(() -> schema.allowed(schema.owner(e)));
        return Mistake.invalid(key, e.getInstanceNode(), allowed);
    }

    private static Mistake unknown(String key, List<String> allowed) {
        return new Mistake(Mistake.Problem.UNKNOWN_KEY, key, null, String.join(", ", allowed));
    }

    /** The key an error is about: {@code threshold} of {@code /rules/0/threshold}, none for {@code /rules/0}. */
    private static String key(Error e) {
        NodePath at = e.getInstanceLocation();
        if (e.getKeyword().equals("required")) {
            return e.getProperty();
        }
        return at.getNameCount() == 3 ? at.getName(2) : at.getNameCount() == 1 ? at.getName(0) : null;
    }
}

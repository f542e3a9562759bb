package io.paypulse.alert;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One mistake in a rules file, worded the same way wherever it is found (the schema or a check
 * between keys): {@code <where>: invalid value 'V' for 'K' (allowed: A).}
 *
 * @param key     the key, or null when the value itself is the mistake (a rule that is not a mapping)
 * @param value   the value written, or null for a missing or unknown key
 * @param allowed what is allowed in words: values, a range, or the allowed keys
 */
record Mistake(Problem problem, String key, JsonNode value, String allowed) {

    enum Problem { INVALID, MISSING, UNKNOWN_KEY }

    static Mistake invalid(String key, JsonNode value, String allowed) {
        return new Mistake(Problem.INVALID, key, value, allowed);
    }

    /** The sentence, e.g. {@code Rule 'x' in rules.yaml: missing 'after' (allowed: ...).} */
    String sentence(String where) {
        String what = switch (problem) {
            case MISSING -> "missing '" + key + "'";
            case UNKNOWN_KEY -> "unknown key '" + key + "'";
            case INVALID -> "invalid value '" + shown(value) + "'" + (key == null ? "" : " for '" + key + "'");
        };
        return where + ": " + what + " (allowed: " + allowed + ").";
    }

    static String shown(JsonNode node) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

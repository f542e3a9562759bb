package io.paypulse.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.alert.RulesException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one mapping of the notifications section (a contact point or a route) and knows where it is,
 * so each mistake is one sentence: "{label} in {source}: invalid value 'v' for 'key' (allowed: ...)".
 */
abstract class MappingReader {

    protected final JsonNode node;
    protected final String source;
    protected String label;

    MappingReader(JsonNode node, String label, String source) {
        this.node = node;
        this.label = label;
        this.source = source;
    }

    protected void requireMapping(String allowed) {
        if (!node.isObject()) {
            throw new RulesException(label + " in " + source + ": invalid value '" + NotificationsFile.shown(node)
                    + "' (allowed: " + allowed + ").");
        }
    }

    protected void onlyKeys(List<String> allowed) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw new RulesException(label + " in " + source + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed) + ").");
            }
        }
    }

    protected JsonNode value(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    protected boolean bool(String key, boolean fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(key, value, "true, false");
        }
        return value.asBoolean();
    }

    protected long whole(String key, long min, long max, long fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid(key, value, "a whole number from " + min + " to " + max);
        }
        return value.asLong();
    }

    /** One text value or a list of them ({@code rule: card-testing} or {@code rule: [a, b]}). */
    protected List<String> words(String key, String allowed) {
        JsonNode value = value(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.isTextual()) {
            out.add(value.asText());
            return out;
        }
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(key, value, allowed);
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(key, item, allowed);
            }
            out.add(item.asText());
        }
        return out;
    }

    protected RulesException invalid(String key, JsonNode value, String allowed) {
        return invalid(key, NotificationsFile.shown(value), allowed);
    }

    protected RulesException invalid(String key, String shownValue, String allowed) {
        return new RulesException(label + " in " + source + ": invalid value '" + shownValue + "' for '" + key
                + "' (allowed: " + allowed + ").");
    }

    protected RulesException missing(String key, String allowed) {
        return new RulesException(label + " in " + source + ": missing '" + key + "' (allowed: " + allowed + ").");
    }
}

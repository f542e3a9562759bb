package io.paypulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;

/**
 * One compiled JSON Schema and the text it was compiled from. Thread-safe: compile once, validate
 * from any thread.
 */
public final class EventSchema {

    private final String text;
    private final Schema schema;

    EventSchema(String text, Schema schema) {
        this.text = text;
        this.schema = schema;
    }

    /** The schema document as written, e.g. to register it with a Schema Registry. */
    public String text() {
        return text;
    }

    /**
     * Null when {@code instance} is valid, else what is wrong as one line, e.g.
     * {@code $.level: does not have a value in the enumeration ["INFO", "ERROR"]} (at most three
     * problems, then "and N more").
     */
    public String problems(JsonNode instance) {
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(3, errors.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            Error e = errors.get(i);
            sb.append(e.getInstanceLocation()).append(": ").append(e.getMessage());
        }
        if (errors.size() > shown) {
            sb.append("; and ").append(errors.size() - shown).append(" more");
        }
        return sb.toString();
    }

    public boolean isValid(JsonNode instance) {
        return schema.validate(instance).isEmpty();
    }
}

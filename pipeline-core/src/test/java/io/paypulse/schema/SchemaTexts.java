package io.paypulse.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.event.serde.Json;

/** Variants of the bundled raw event schema for evolution tests. */
final class SchemaTexts {

    private SchemaTexts() {
    }

    static ObjectNode raw() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Schemas.RAW.text());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** v2: a new optional property {@code channel}, one of web, app, pos. Compatible. */
    static String withOptionalChannel() {
        ObjectNode s = raw();
        ObjectNode channel = ((ObjectNode) s.get("properties")).putObject("channel");
        channel.put("type", "string");
        channel.putArray("enum").add("web").add("app").add("pos");
        return s.toString();
    }

    /** Drops the required property {@code message}. Incompatible. */
    static String withoutMessage() {
        ObjectNode s = raw();
        ((ObjectNode) s.get("properties")).remove("message");
        ArrayNode required = s.putArray("required");
        required.add("timestamp").add("level");
        return s.toString();
    }

    /** {@code level} becomes an integer. Incompatible. */
    static String withIntegerLevel() {
        ObjectNode s = raw();
        ObjectNode level = ((ObjectNode) s.get("properties")).putObject("level");
        level.put("type", "integer");
        return s.toString();
    }

    /** Requires a new property {@code channel}: the bundled schema cannot follow it. */
    static String requiringChannel() {
        ObjectNode s = (ObjectNode) Json.MAPPER.valueToTree(raw());
        ((ObjectNode) s.get("properties")).putObject("channel").put("type", "string");
        ((ArrayNode) s.get("required")).add("channel");
        return s.toString();
    }
}

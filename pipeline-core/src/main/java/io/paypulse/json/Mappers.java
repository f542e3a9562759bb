package io.paypulse.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The project's configured Jackson mappers, each configured once here. They are shared and thread-safe:
 * never reconfigure one; call {@link ObjectMapper#copy()} if a site truly needs something else.
 */
public final class Mappers {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectMapper JSON_FILE = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Mappers() {
    }

    /** Compact JSON for records on topics and over HTTP: ISO-8601 instants, unknown fields ignored. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** {@link #json()} with indented output, for files a person may open (settings, alert marks). */
    public static ObjectMapper jsonFile() {
        return JSON_FILE;
    }

    /** YAML files a person writes (rules, notifications): a key given twice is an error, not last-wins. */
    public static ObjectMapper yaml() {
        return YAML;
    }
}

package io.paypulse.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.paypulse.event.serde.Json;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schemas of the pipeline's records, the single source of truth for their shape: the
 * documents in {@code io/paypulse/schema/} (resources of pipeline-core), compiled once.
 * The generator registers {@link #RAW}'s text with a Schema Registry; the processor validates every
 * raw event against it (or against the schema a wire-format record's id names); tests check that
 * what our serdes write validates against {@link #PARSED} and {@link #ALERT}.
 *
 * <p>Dialect 2020-12 unless a document says otherwise with {@code $schema}. Format assertions are
 * on ({@code date-time}, {@code ipv4} are checked). A schema never loads anything from the network
 * (remote {@code $ref}s are not fetched; the meta-schemas come with the validator).
 */
public final class Schemas {

    /** The Schema Registry subject of the raw topic's values (TopicNameStrategy). */
    public static final String RAW_SUBJECT = Topics.RAW + "-value";

    /** Never fetches a {@code $ref} from the network: a schema from a registry must not make us call out. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build()));

    /** Raw log event, value of topic {@code payment}. */
    public static final EventSchema RAW = load("payment-log-event.schema.json");
    /** Parsed record, value of topic {@code payment-parsed}. */
    public static final EventSchema PARSED = load("payment-parsed.schema.json");
    /** Alert bucket, value of topic {@code payment-alerts}. */
    public static final EventSchema ALERT = load("payment-alert.schema.json");

    private Schemas() {
    }

    /**
     * Compiles a schema document, e.g. one fetched from a Schema Registry.
     *
     * @throws IllegalArgumentException if the text is not JSON or not a usable schema
     */
    public static EventSchema compile(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the schema is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IllegalArgumentException("the schema is not a JSON object");
        }
        try {
            Schema schema = REGISTRY.getSchema(node);
            schema.initializeValidators();
            return new EventSchema(text, schema);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the schema cannot be compiled: " + e.getMessage(), e);
        }
    }

    private static EventSchema load(String name) {
        String path = "/io/paypulse/schema/" + name;
        try (InputStream in = Schemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.paypulse.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.paypulse.json.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON Schema of the rules file ({@value #RESOURCE}, next to this class), compiled once, and
 * what its parts say: the keys a mapping allows and the allowed-values phrase of a key. The phrase is
 * the key's {@value #ALLOWED} annotation, else it is read from the constraints ({@code enum},
 * {@code boolean}, {@code integer}/{@code number} with {@code minimum}/{@code maximum}). Thread-safe.
 */
final class RulesSchema {

    static final String RESOURCE = "rules.schema.json";

    /** Our annotation: the allowed values in words where the constraints cannot say it (a pattern, a shape). */
    static final String ALLOWED = "x-allowed";

    static final RulesSchema INSTANCE = load();

    private final JsonNode document;
    private final Schema schema;

    private RulesSchema(JsonNode document, Schema schema) {
        this.document = document;
        this.schema = schema;
    }

    private static RulesSchema load() {
        JsonNode document;
        try (InputStream in = RulesSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            document = Mappers.json().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The 2020-12 dialect plus our annotation, so the validator neither rejects nor warns about it.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012()).keyword(new AnnotationKeyword(ALLOWED)).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect,
                b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                // strict type: 2.0 is not a whole number (the spec's default says it is)
                                .strict("type", true).pathType(PathType.JSON_POINTER).build()));
        Schema schema = registry.getSchema(document);
        schema.initializeValidators();
        return new RulesSchema(document, schema);
    }

    /** Every structural mistake of a rules document, in the validator's order. */
    List<Error> validate(JsonNode root) {
        return schema.validate(root);
    }

    /** The schema node at a JSON-pointer-like path inside the document, following local {@code $ref}s. */
    JsonNode at(NodePath fragment, int segments) {
        JsonNode node = document;
        for (int i = 0; i < segments; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return resolved(node);
    }

    /** The schema node of the keyword an error names, e.g. {@code .../properties/threshold} for its maximum. */
    JsonNode owner(Error error) {
        NodePath fragment = error.getSchemaLocation().getFragment();
        return at(fragment, fragment.getNameCount() - 1);
    }

    JsonNode definition(String name) {
        return resolved(document.path("$defs").path(name));
    }

    JsonNode root() {
        return document;
    }

    /** The keys a schema object names under {@code properties}, in the order written. */
    static List<String> keys(JsonNode schemaObject) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = schemaObject.path("properties").fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    /** The allowed values of a property schema in words, e.g. {@code WARNING, CRITICAL}. */
    String allowed(JsonNode property) {
        JsonNode p = resolved(property);
        if (p.has(ALLOWED)) {
            return p.get(ALLOWED).asText();
        }
        if (p.has("enum")) {
            List<String> values = new ArrayList<>();
            p.get("enum").forEach(v -> values.add(v.asText()));
            return String.join(", ", values);
        }
        String type = p.path("type").asText();
        if (type.equals("boolean")) {
            return "true, false";
        }
        String what = type.equals("integer") ? "a whole number" : "a number";
        if (p.has("maximum")) {
            return what + " from " + p.path("minimum").asText() + " to " + p.get("maximum").asText();
        }
        return what + " of at least " + p.path("minimum").asText();
    }

    /** The node itself, or what its local {@code $ref} points at. */
    JsonNode resolved(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}

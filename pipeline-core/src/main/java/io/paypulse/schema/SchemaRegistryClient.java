package io.paypulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.event.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of the Confluent Schema Registry REST API, limited to the documented endpoints
 * PayPulse needs, for schemas of type JSON:
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} registers a schema (or finds it) and returns its id;</li>
 *   <li>{@code GET /schemas/ids/{id}} returns the schema an id names;</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/latest} tests a schema against the latest version.</li>
 * </ul>
 * Errors ({@code {"error_code":N,"message":"..."}}, or no answer) become a {@link SchemaRegistryException}
 * with one sentence. Thread-safe; one request at a time per call, each bounded by the request timeout.
 */
public final class SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** @param url the registry's base URL, e.g. {@code http://localhost:8081} (a trailing slash is ignored) */
    public SchemaRegistryClient(String url) {
        this(url, DEFAULT_TIMEOUT);
    }

    public SchemaRegistryClient(String url, Duration timeout) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = URI.create(u);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public String url() {
        return base.toString();
    }

    /**
     * Registers {@code schema} (type JSON) under {@code subject}; the registry returns the existing id
     * when the same schema is already registered.
     *
     * @throws SchemaRegistryException e.g. 409 when the schema is incompatible with the subject's
     *                                 latest version, 422 when it is not a valid schema
     */
    public int register(String subject, String schema) {
        String what = "register the schema under subject '" + subject + "'";
        JsonNode answer = send(what, HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(schema))));
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("Schema Registry at " + base + " did not return a schema id when asked to "
                    + what + ".", 200, 0, null);
        }
        return id.intValue();
    }

    /** The schema text that {@code id} names. @throws SchemaRegistryException 404 (40403) for an unknown id */
    public String schemaById(int id) {
        String what = "look up schema id " + id;
        JsonNode answer = send(what, HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
        JsonNode schema = answer.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaRegistryException("Schema Registry at " + base + " sent no schema text for schema id "
                    + id + ".", 200, 0, null);
        }
        JsonNode type = answer.get("schemaType");
        if (type != null && !"JSON".equals(type.asText())) {
            throw new SchemaRegistryException("Schema id " + id + " at " + base + " is a " + type.asText()
                    + " schema, not JSON.", 200, 0, null);
        }
        return schema.textValue();
    }

    /** Whether {@code schema} could be registered under {@code subject} as its next version. */
    public boolean isCompatible(String subject, String schema) {
        String what = "check compatibility with subject '" + subject + "'";
        JsonNode answer = send(what, HttpRequest.newBuilder(
                        uri("/compatibility/subjects/" + encode(subject) + "/versions/latest"))
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(schema))));
        JsonNode ok = answer.get("is_compatible");
        return ok != null && ok.asBoolean();
    }

    private static String schemaBody(String schema) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("schemaType", "JSON");
        body.put("schema", schema);
        return body.toString();
    }

    private JsonNode send(String what, HttpRequest.Builder request) {
        HttpRequest r = request.timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema Registry at " + base + " cannot be reached to " + what + ": "
                    + describe(e) + ".", 0, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting for the Schema Registry at " + base
                    + " to " + what + ".", 0, 0, e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2 && body != null && body.isObject()) {
            return body;
        }
        int code = body != null && body.path("error_code").canConvertToInt() ? body.path("error_code").intValue() : 0;
        String message = body != null && body.path("message").isTextual() ? body.path("message").textValue()
                : abbreviate(response.body());
        if (status / 100 == 2) {
            throw new SchemaRegistryException("Schema Registry at " + base + " sent an unreadable answer when asked to "
                    + what + ".", status, 0, null);
        }
        throw new SchemaRegistryException("Schema Registry at " + base + " refused to " + what + " (HTTP " + status
                + (code == 0 ? "" : ", error " + code) + "): " + stripDot(message) + ".", status, code, null);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + stripDot(m) + ")");
    }

    private static String stripDot(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String abbreviate(String s) {
        if (s == null || s.isBlank()) {
            return "no message";
        }
        String t = s.strip().replace('\n', ' ');
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }
}

package io.paypulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paypulse.event.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Schema Registry for tests: a real HTTP server (JDK {@link HttpServer} on 127.0.0.1, a free port)
 * that speaks the documented Confluent REST responses for the three endpoints PayPulse uses, schema
 * type JSON only.
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions}: {@code {"id":N}}. Ids are global and increment from 1;
 *       the same schema (equal as JSON) gets the same id again. Not JSON, or not an object: 422 / 42201.
 *       Incompatible with the subject's latest version: 409 / 409.</li>
 *   <li>{@code GET /schemas/ids/{id}}: {@code {"schema":"...","schemaType":"JSON"}}; unknown: 404 / 40403.</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/latest}: {@code {"is_compatible":bool}};
 *       unknown subject: 404 / 40401.</li>
 *   <li>A request without content type {@code application/vnd.schemaregistry.v1+json} (or
 *       {@code application/json}) on a POST: 415 / 415. Other paths: 404 / 404; other methods: 405 / 405.</li>
 * </ul>
 * Compatibility, a simple rule set (backward: a consumer on the new schema reads data written with the
 * old one), checked against the latest version only:
 * <ol>
 *   <li>a property required by the old schema must stay declared and required (removing it is incompatible);</li>
 *   <li>no property may become required that the old schema did not require (old data lacks it);</li>
 *   <li>a property declared in both must keep its {@code type} (changing it is incompatible);</li>
 *   <li>the top-level {@code type} must not change. New optional properties are compatible.</li>
 * </ol>
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

    private final HttpServer server;
    private final Map<Integer, String> schemas = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private int nextId = 1;

    private FakeSchemaRegistry(HttpServer server) {
        this.server = server;
    }

    public static FakeSchemaRegistry start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSchemaRegistry registry = new FakeSchemaRegistry(server);
            server.createContext("/", registry::handle);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Schema Registry", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path content-type" of every request so far. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many {@code GET /schemas/ids/{id}} requests were answered. */
    public int lookups() {
        return lookups.get();
    }

    /** Registers directly (no HTTP), e.g. to give a subject a latest version; returns the id. */
    public synchronized int preload(String subject, String schema) {
        return register(subject, Json.MAPPER.valueToTree(readObject(schema)), schema);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (this) {
                requests.add(method + " " + path + " " + contentType);
            }
            Matcher m;
            if ((m = REGISTER.matcher(path)).matches()) {
                requirePost(method);
                requireContentType(contentType);
                reply(ex, 200, registerRequest(decode(m.group(1)), body));
            } else if ((m = BY_ID.matcher(path)).matches()) {
                if (!method.equals("GET")) {
                    throw new Failure(405, 405, "HTTP " + method + " is not allowed here");
                }
                reply(ex, 200, lookup(Integer.parseInt(m.group(1))));
            } else if ((m = COMPATIBILITY.matcher(path)).matches()) {
                requirePost(method);
                requireContentType(contentType);
                reply(ex, 200, compatibility(decode(m.group(1)), body));
            } else {
                throw new Failure(404, 404, "HTTP 404 Not Found");
            }
        } catch (Failure f) {
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.put("error_code", f.code);
            error.put("message", f.getMessage());
            reply(ex, f.status, error);
        } finally {
            ex.close();
        }
    }

    private ObjectNode registerRequest(String subject, byte[] body) {
        JsonNode request = schemaRequest(body);
        String text = request.get("schema").textValue();
        JsonNode schema = readObject(text);
        synchronized (this) {
            int id = register(subject, schema, text);
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.put("id", id);
            return answer;
        }
    }

    private int register(String subject, JsonNode schema, String text) {
        List<Integer> versions = subjects.get(subject);
        if (versions != null) {
            for (int id : versions) {
                if (readObject(schemas.get(id)).equals(schema)) {
                    return id;
                }
            }
            String why = incompatibility(readObject(schemas.get(versions.get(versions.size() - 1))), schema);
            if (why != null) {
                throw new Failure(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\", details: [" + why + "]");
            }
        }
        Integer id = null;
        for (Map.Entry<Integer, String> e : schemas.entrySet()) {
            if (readObject(e.getValue()).equals(schema)) {
                id = e.getKey();
            }
        }
        if (id == null) {
            id = nextId++;
            schemas.put(id, text);
        }
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    private ObjectNode lookup(int id) {
        lookups.incrementAndGet();
        String text;
        synchronized (this) {
            text = schemas.get(id);
        }
        if (text == null) {
            throw new Failure(404, 40403, "Schema " + id + " not found");
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("schema", text);
        answer.put("schemaType", "JSON");
        return answer;
    }

    private ObjectNode compatibility(String subject, byte[] body) {
        JsonNode schema = readObject(schemaRequest(body).get("schema").textValue());
        String why;
        synchronized (this) {
            List<Integer> versions = subjects.get(subject);
            if (versions == null) {
                throw new Failure(404, 40401, "Subject '" + subject + "' not found.");
            }
            why = incompatibility(readObject(schemas.get(versions.get(versions.size() - 1))), schema);
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("is_compatible", why == null);
        return answer;
    }

    /** Null when {@code next} may follow {@code latest} under the rules in the class comment, else why not. */
    static String incompatibility(JsonNode latest, JsonNode next) {
        if (!latest.path("type").equals(next.path("type"))) {
            return "the type changed from " + latest.path("type") + " to " + next.path("type");
        }
        Set<String> oldRequired = names(latest.path("required"));
        Set<String> newRequired = names(next.path("required"));
        JsonNode oldProps = latest.path("properties");
        JsonNode newProps = next.path("properties");
        for (String p : oldRequired) {
            if (!newRequired.contains(p) || !newProps.has(p)) {
                return "required property '" + p + "' was removed";
            }
        }
        for (String p : newRequired) {
            if (!oldRequired.contains(p)) {
                return "property '" + p + "' became required";
            }
        }
        for (Iterator<String> it = oldProps.fieldNames(); it.hasNext(); ) {
            String p = it.next();
            if (newProps.has(p) && !oldProps.get(p).path("type").equals(newProps.get(p).path("type"))) {
                return "the type of property '" + p + "' changed from " + oldProps.get(p).path("type") + " to "
                        + newProps.get(p).path("type");
            }
        }
        return null;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode schemaRequest(byte[] body) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Failure(400, 400, "Unrecognized request body");
        }
        if (request == null || !request.path("schema").isTextual()) {
            throw new Failure(422, 42201, "Either the input schema or one of its references is invalid");
        }
        String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("JSON")) {
            throw new Failure(422, 42201, "Invalid schema type " + type + " (this registry only speaks JSON)");
        }
        return request;
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // below
        }
        throw new Failure(422, 42201, "Invalid schema: not a JSON object");
    }

    private static void requirePost(String method) {
        if (!method.equals("POST")) {
            throw new Failure(405, 405, "HTTP " + method + " is not allowed here");
        }
    }

    private static void requireContentType(String contentType) {
        if (contentType == null || !(contentType.startsWith(CONTENT_TYPE) || contentType.startsWith("application/json"))) {
            throw new Failure(415, 415, "HTTP 415 Unsupported Media Type");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class Failure extends RuntimeException {
        final int status;
        final int code;

        Failure(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}

package io.paypulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.event.parse.ParseOutcome;
import io.paypulse.event.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads a raw record value of topic {@code payment}: plain JSON, or the Schema Registry wire format
 * (magic byte 0, 4-byte schema id, JSON). Every event must satisfy its JSON Schema (the bundled
 * {@link Schemas#RAW} for plain JSON, the schema its id names for the wire format) and then
 * {@link LogLineParser} (message grammar, level vs outcome, timestamps from the future). A value the
 * schema rejects is rejected with the schema's message, e.g.
 * {@code schema: $.level: does not have a value in the enumeration ["INFO", "ERROR"]}.
 *
 * <p>Fast path: the streaming parser enforces everything the bundled schema says (an object; string
 * {@code timestamp}, {@code level}, {@code message}; level INFO or ERROR; a non-empty message; a
 * timestamp that starts like an ISO-8601 date-time) and more. So for the bundled schema (plain JSON,
 * or an id that names the same schema) the parser runs first and the JSON Schema validator only runs
 * on values the parser rejects, to give the schema's message; the outcome is the same as validating
 * first ({@code RawEventReaderAgreementTest} proves it on a corpus of good and hostile lines), at a
 * fraction of the cost (docs/benchmarks.md). Any other schema (e.g. a newer version from the registry)
 * is validated in full, on a tree read once, before the parser runs.
 *
 * <p>Registry failures (see docs/decisions/0008-schema-contract.md): an id the registry does not know
 * (HTTP 404) is the record's fault, so it is rejected (to the DLQ) with the reason, and the answer is
 * remembered for {@link #NOT_FOUND_TTL}. Any other failure (unreachable, timeout, 5xx, 401) is not
 * the record's fault: the lookup is retried for up to {@code registryWait}, then a
 * {@link SchemaRegistryException} is thrown, which stops the processor before the record's offset is
 * committed, so the record is read again after a restart and nothing is lost.
 *
 * <p>Thread-safe; schemas are compiled once per id and shared by all stream threads.
 */
public final class RawEventReader {

    /** How long an id the registry did not know is answered from memory before asking again. */
    static final Duration NOT_FOUND_TTL = Duration.ofSeconds(30);
    /**
     * Retry budget for an unreachable registry: below Kafka Streams' exactly-once transaction timeout
     * (10 s), so the open transaction is not aborted under us while we wait.
     */
    public static final Duration DEFAULT_REGISTRY_WAIT = Duration.ofSeconds(6);

    private static final JsonNode BUNDLED = tree(Schemas.RAW.text());

    private final LogLineParser parser = new LogLineParser();
    private final SchemaRegistryClient registry;
    private final Duration registryWait;
    private final boolean fastPath;
    private final ConcurrentHashMap<Integer, Resolved> byId = new ConcurrentHashMap<>();

    private RawEventReader(SchemaRegistryClient registry, Duration registryWait, boolean fastPath) {
        this.registry = registry;
        this.registryWait = registryWait;
        this.fastPath = fastPath;
    }

    /** Plain JSON only; wire-format values are rejected (no registry to resolve their ids). */
    public static RawEventReader local() {
        return new RawEventReader(null, Duration.ZERO, true);
    }

    /** Plain JSON and the wire format, resolving schema ids with {@code registry}. */
    public static RawEventReader withRegistry(SchemaRegistryClient registry, Duration registryWait) {
        return new RawEventReader(registry, registryWait, true);
    }

    /** Without the fast path: every value is validated in full before it is parsed (tests, benchmarks). */
    public static RawEventReader validatingFirst(SchemaRegistryClient registryOrNull, Duration registryWait) {
        return new RawEventReader(registryOrNull, registryWait, false);
    }

    /**
     * @param value the raw record value (may be null)
     * @param now   wall-clock time, to reject events from the future
     * @throws SchemaRegistryException when the schema of a wire-format value cannot be fetched for a
     *                                 reason other than "unknown id" within the retry budget
     */
    public ParseOutcome read(byte[] value, Instant now) {
        if (!WireFormat.isFramed(value)) {
            return check(value, Schemas.RAW, true, "", now);
        }
        if (value.length < WireFormat.HEADER_BYTES) {
            return ParseOutcome.rejected("wire format: the value has " + value.length
                    + " bytes, fewer than the 5-byte header (magic byte 0, 4-byte schema id)");
        }
        int id = WireFormat.schemaId(value);
        if (registry == null) {
            return ParseOutcome.rejected("the value is in the Schema Registry wire format (schema id " + id
                    + ") but no Schema Registry is configured (schema.registry.url)");
        }
        Resolved r = resolve(id);
        if (r.problem() != null) {
            return ParseOutcome.rejected(r.problem());
        }
        return check(WireFormat.payload(value), r.schema(), r.bundled(), " (schema id " + id + ")", now);
    }

    /** The value as text for a dead letter: the JSON part of a wire-format value (its id is in the reason). */
    public static String displayText(byte[] value) {
        if (value == null) {
            return null;
        }
        byte[] shown = WireFormat.isFramed(value) && value.length >= WireFormat.HEADER_BYTES
                ? WireFormat.payload(value) : value;
        return new String(shown, StandardCharsets.UTF_8);
    }

    private ParseOutcome check(byte[] json, EventSchema schema, boolean bundled, String origin, Instant now) {
        if (json == null || json.length == 0 || json.length > LogLineParser.MAX_VALUE_BYTES) {
            return parser.parse(json, now); // empty or too large: its reason, before any tree is built
        }
        if (fastPath && bundled) {
            ParseOutcome parsed = parser.parse(json, now);
            if (parsed.isOk()) {
                return parsed; // the parser accepts nothing the bundled schema rejects
            }
            JsonNode node = readTree(json);
            String problems = node == null ? null : schema.problems(node);
            return problems == null ? parsed : ParseOutcome.rejected("schema" + origin + ": " + problems);
        }
        JsonNode node = readTree(json);
        if (node == null) {
            ParseOutcome o = parser.parse(json, now); // not JSON: the parser says where
            return o.isOk() ? ParseOutcome.rejected("invalid JSON") : o;
        }
        String problems = schema.problems(node);
        if (problems != null) {
            return ParseOutcome.rejected("schema" + origin + ": " + problems);
        }
        return parser.parse(json, now);
    }

    /** The JSON tree, or null when the bytes are not one JSON value. */
    private static JsonNode readTree(byte[] json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode tree(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Resolved resolve(int id) {
        Resolved r = byId.get(id);
        if (r != null && !r.expired()) {
            return r;
        }
        r = fetch(id);
        byId.put(id, r);
        return r;
    }

    private Resolved fetch(int id) {
        long deadline = System.nanoTime() + registryWait.toNanos();
        long backoffMs = 250;
        while (true) {
            String text;
            try {
                text = registry.schemaById(id);
            } catch (SchemaRegistryException e) {
                if (e.notFound()) {
                    return new Resolved(null, false, "unknown schema id " + id + ": " + e.getMessage(),
                            System.nanoTime() + NOT_FOUND_TTL.toNanos());
                }
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs) - deadline > 0) {
                    throw new SchemaRegistryException(e.getMessage() + " Gave up after "
                            + String.format(Locale.ROOT, "%.1f", registryWait.toMillis() / 1000.0) + " s; the record stays unprocessed until the processor runs again.", e.status(),
                            e.errorCode(), e);
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 2_000);
                continue;
            }
            JsonNode node = readTree(text.getBytes(StandardCharsets.UTF_8));
            if (BUNDLED.equals(node)) {
                return new Resolved(Schemas.RAW, true, null, Long.MAX_VALUE);
            }
            try {
                return new Resolved(Schemas.compile(text), false, null, Long.MAX_VALUE);
            } catch (IllegalArgumentException e) {
                return new Resolved(null, false, "schema id " + id + " from the Schema Registry at " + registry.url()
                        + " is not a usable JSON Schema: " + e.getMessage(), Long.MAX_VALUE);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting for the Schema Registry.", 0, 0, e);
        }
    }

    /**
     * A compiled schema (bundled: the same document as {@link Schemas#RAW}), or why there is none;
     * {@code expiresAtNanos} = Long.MAX_VALUE for never.
     */
    private record Resolved(EventSchema schema, boolean bundled, String problem, long expiresAtNanos) {

        boolean expired() {
            return expiresAtNanos != Long.MAX_VALUE && System.nanoTime() - expiresAtNanos > 0;
        }
    }
}

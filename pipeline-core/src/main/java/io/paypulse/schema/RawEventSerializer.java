package io.paypulse.schema;

import io.paypulse.event.LogEvent;
import io.paypulse.topic.Topics;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes raw events as the generator sends them: plain JSON, or, with a Schema Registry, the wire
 * format (magic byte 0, the id of {@link Schemas#RAW} registered under {@link Schemas#RAW_SUBJECT},
 * the same JSON). Thread-safe.
 */
public final class RawEventSerializer implements Serializer<LogEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RawEventSerializer.class);

    private final Serializer<LogEvent> json = Topics.RAW_VALUE.serializer();
    private final int schemaId;

    private RawEventSerializer(int schemaId) {
        this.schemaId = schemaId;
    }

    public static RawEventSerializer plain() {
        return new RawEventSerializer(-1);
    }

    /**
     * Registers the raw event schema (or finds it registered) and frames every value with its id.
     *
     * @throws SchemaRegistryException when the registry cannot be reached or refuses the schema, e.g.
     *                                 because it is incompatible with the subject's latest version
     */
    public static RawEventSerializer registering(SchemaRegistryClient registry) {
        int id = registry.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        LOG.info("Raw event schema is id {} under subject {} at {}", id, Schemas.RAW_SUBJECT, registry.url());
        return new RawEventSerializer(id);
    }

    /** Plain JSON for an empty URL, else {@link #registering} with a client for {@code url}. */
    public static RawEventSerializer forRegistryUrl(String url) {
        return url == null || url.isBlank() ? plain() : registering(new SchemaRegistryClient(url));
    }

    /** The registered schema id, or -1 for plain JSON. */
    public int schemaId() {
        return schemaId;
    }

    @Override
    public byte[] serialize(String topic, LogEvent event) {
        byte[] bytes = json.serialize(topic, event);
        return bytes == null || schemaId < 0 ? bytes : WireFormat.frame(schemaId, bytes);
    }
}

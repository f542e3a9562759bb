package io.paypulse.generate;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.event.LogEvent;
import io.paypulse.schema.RawEventSerializer;
import io.paypulse.schema.WireFormat;
import io.paypulse.topic.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serializer;

/** How the generator writes each raw event's JSON (setting {@link ConfigKeys#LOG_FORMAT}). */
public enum LogFormat {
    /** PayPulse's own: compact JSON, {@code Z} timestamps with milliseconds or more. */
    COMPACT,
    /** The original project's Python {@code json.dumps} shape ({@link PythonLogFormat}). */
    PYTHON;

    static final String ALLOWED = "allowed: compact (default), python";

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ConfigException naming the setting and the allowed values */
    public static LogFormat parse(String value) {
        for (LogFormat f : values()) {
            if (f.settingValue().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw ConfigException.invalid(ConfigKeys.LOG_FORMAT, String.valueOf(value), ALLOWED);
    }

    /**
     * The value serializer: plain for an empty {@code schemaRegistryUrl}, else framed in the wire
     * format with the id the raw event schema has (registered first, as for the compact format).
     */
    public Serializer<LogEvent> serializer(String schemaRegistryUrl) {
        boolean registry = schemaRegistryUrl != null && !schemaRegistryUrl.isBlank();
        if (this == COMPACT) {
            return registry ? RawEventSerializer.forRegistryUrl(schemaRegistryUrl) : Topics.RAW_VALUE.serializer();
        }
        PythonLogFormat python = new PythonLogFormat();
        if (!registry) {
            return python;
        }
        int id = RawEventSerializer.forRegistryUrl(schemaRegistryUrl).schemaId();
        return (topic, event) -> event == null ? null : WireFormat.frame(id, python.serialize(topic, event));
    }
}

package io.paypulse.dlq;

import io.paypulse.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a record is in {@code payment-dlq}, in five words a user filters by. The processor writes the
 * category in the {@link DeadLetterHeaders#CATEGORY} header of every dead letter it produces; for
 * records written before that header existed, {@link #classify} derives it from the reason sentence
 * ({@code DeadLetterCategoryTest} feeds the real parser's sentences through it, so a reworded
 * sentence fails a test instead of silently landing in {@link #OTHER}).
 */
public enum DeadLetterCategory {

    /** The bytes are not one readable JSON object: empty, too large, not JSON, truncated, unreadable. */
    UNPARSEABLE,
    /** JSON, but not a payment log event: schema violation, wrong type, missing field, bad time or message. */
    SCHEMA,
    /** A good event whose 1-minute window had already closed (or a late partial of the window stage). */
    LATE,
    /** The Schema Registry wire format could not be resolved: no registry, unknown id, unusable schema. */
    REGISTRY,
    /** Anything else: a processing step or a write that failed, an outsized key. */
    OTHER;

    /** The lowercase word used in headers, the CLI and the app. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category named {@code word} (any case). @throws ConfigException naming the allowed words */
    public static DeadLetterCategory parse(String option, String word) {
        for (DeadLetterCategory c : values()) {
            if (c.word().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return c;
            }
        }
        throw ConfigException.invalid(option, word, allowedWords());
    }

    /** "unparseable, schema, late, registry or other". */
    public static String allowedWords() {
        String all = Arrays.stream(values()).map(DeadLetterCategory::word).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /** The category a header holds, or null when the header is missing or unknown. */
    public static DeadLetterCategory fromHeader(String value) {
        if (value != null) {
            for (DeadLetterCategory c : values()) {
                if (c.word().equals(value)) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * The category of a reason sentence as the processor words it (event/LogLineParser,
     * event/schema/RawEventReader, process/ParseProcessor, process/WindowProcessor, process/errors).
     */
    public static DeadLetterCategory classify(String reason) {
        if (reason == null) {
            return OTHER;
        }
        String r = reason.strip();
        if (r.startsWith("late event") || r.startsWith("late partial")) {
            return LATE;
        }
        if (r.startsWith("wire format:") || r.startsWith("unknown schema id")
                || r.startsWith("the value is in the Schema Registry wire format")
                || (r.startsWith("schema id ") && r.contains("is not a usable JSON Schema"))) {
            return REGISTRY;
        }
        if (r.startsWith("schema") || r.startsWith("field '") || r.startsWith("missing field")
                || r.startsWith("timestamp ") || r.startsWith("level ") || r.startsWith("message:")) {
            return SCHEMA;
        }
        if (r.equals("empty value") || r.startsWith("value is ") || r.startsWith("invalid JSON")
                || r.startsWith("trailing data") || r.startsWith("the record could not be read")) {
            return UNPARSEABLE;
        }
        return OTHER;
    }
}

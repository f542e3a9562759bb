package io.paypulse.app.connection;

import java.nio.file.Path;
import java.util.Map;

/** Kafka client properties (placeholder: still the hand parser; replaced in the next commit). */
public final class ClientProperties {

    private ClientProperties() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> prefixed = RequestBuilder.parseClientProperties(text);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        prefixed.forEach((k, v) -> out.put(k.substring("kafka.".length()), v));
        return out;
    }

    public static Map<String, String> load(Path file) {
        throw new UnsupportedOperationException("not yet");
    }
}

package io.paypulse.app.connection;

import io.paypulse.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties, read exactly as Kafka's own tools read a {@code client.properties}:
 * {@link Properties} rules (backslash continuations, escapes, {@code =} or {@code :} separators,
 * {@code #} and {@code !} comments). Keys come back without any prefix, in file order.
 *
 * <p>The one place the app reads client properties, so that it can later delegate to the
 * pipeline's {@code --client-config} loader. Values may hold Kafka config provider references
 * ({@code ${file:...}}, {@code ${env:...}}): they are passed on untouched, for the Kafka client
 * to resolve.
 */
public final class ClientProperties {

    private ClientProperties() {
    }

    /**
     * @throws ConfigException one sentence when the text cannot be read as properties
     */
    public static Map<String, String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return read(p -> p.load(new StringReader(text)));
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    /**
     * Reads a properties file as Kafka's tools do ({@code Properties.load(InputStream)}: ISO-8859-1,
     * other characters as {@code \\uXXXX} escapes).
     *
     * @throws ConfigException one sentence naming the file when it is missing or unreadable
     */
    public static Map<String, String> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(p -> p.load(in));
        } catch (NoSuchFileException e) {
            throw new ConfigException("The client properties file " + file
                    + " does not exist; import it again or remove it from the profile.");
        } catch (IOException e) {
            throw new ConfigException("The client properties file " + file + " cannot be read ("
                    + reason(e) + "); check that it is a readable file.");
        }
    }

    private interface Loader {
        void load(Properties into) throws IOException;
    }

    private static Map<String, String> read(Loader loader) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        // Properties is a Hashtable: record entries as load() puts them to keep the file's order.
        Properties ordered = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                out.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try {
            loader.load(ordered);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The client properties hold a malformed \\uXXXX escape; write the character "
                    + "itself or a valid escape such as \\u00e9.");
        }
        return Collections.unmodifiableMap(out);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}

package io.paypulse.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standard Kafka client {@code .properties} file, the one {@code kafka-console-consumer
 * --command-config} takes: read with {@link Properties} semantics (backslash line continuations,
 * {@code key: value}, {@code !} comments, escapes; ISO-8859-1 like Kafka's own tools), so a
 * multi-line {@code sasl.jaas.config} arrives whole.
 *
 * <p>Values are passed to the Kafka clients as they are: {@code ${file:/path:key}} and
 * {@code ${env:VAR}} references with {@code config.providers} are resolved by the clients
 * themselves, so a secret can stay out of this file and off the command line.
 *
 * <p>Used by the {@link ConfigKeys#CLIENT_CONFIG} setting (merged under {@code kafka.*} settings by
 * {@link KafkaClientSettings}) and meant for any other reader of such files, e.g. an "Import..." in the
 * app. Lives in {@code config}, not {@code cluster}, so that the configuration depends on nothing else.
 */
public final class ClientConfigFile {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConfigFile.class);

    private ClientConfigFile() {
    }

    /**
     * The properties of {@code file}, in no particular order, keys as written (no {@code kafka.}
     * prefix). Logs a warning when the file holds a password or JAAS config and other users may
     * read it.
     *
     * @throws ConfigException one sentence when the file is missing, unreadable or malformed
     */
    public static Map<String, String> load(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Client config file " + file + " (" + ConfigKeys.CLIENT_CONFIG + ") does not exist.");
        } catch (IOException e) {
            throw new ConfigException("Client config file " + file + " (" + ConfigKeys.CLIENT_CONFIG
                    + ") cannot be read: " + e.getMessage() + ".");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Client config file " + file + " (" + ConfigKeys.CLIENT_CONFIG
                    + ") is not a valid .properties file: " + e.getMessage() + ".");
        }
        Map<String, String> out = toMap(props);
        if (holdsSecret(out) && readableByOthers(file)) {
            LOG.warn("Client config file {} holds a password but other users may read it; make it private with"
                    + " chmod 600 {}, or move the secret out with ${file:...} or ${env:...}.", file, file);
        }
        return out;
    }

    /**
     * Properties text (e.g. pasted in the app) with the same semantics as {@link #load}.
     *
     * @throws ConfigException one sentence when the text is malformed
     */
    public static Map<String, String> parse(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text == null ? "" : text));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The client properties are not valid: " + e.getMessage() + ".");
        }
        return toMap(props);
    }

    /** Whether some value is a password or a JAAS config (which usually holds one). */
    static boolean holdsSecret(Map<String, String> props) {
        return props.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.contains("password") || k.equals("sasl.jaas.config"));
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.GROUP_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // not POSIX (Windows): its ACLs are the user's business
        }
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name));
        }
        return out;
    }
}

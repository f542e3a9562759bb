package io.paypulse.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.alert.RulesException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads one contact point. Values that may be secret ({@code url}, header values) are resolved from
 * {@code { env: NAME }} or {@code { file: PATH }}; a message about them names the variable or the
 * file, never the secret itself.
 */
final class ContactPointReader extends MappingReader {

    /** A name becomes a consumer group suffix, a thread name and a metrics label. */
    static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final String NAME_ALLOWED = "lower-case letters, digits and '-'";
    /** RFC 7230 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String SECRET_ALLOWED = "a literal, { env: NAME } or { file: PATH }";
    private static final String URL_ALLOWED = "an absolute http:// or https:// URL with a host";
    static final int MAX_PER_MINUTE = 10_000;

    private final Path baseDir;
    private final UnaryOperator<String> env;

    ContactPointReader(JsonNode node, int position, String source, Path baseDir, UnaryOperator<String> env) {
        super(node, "Contact point #" + position, source);
        this.baseDir = baseDir;
        this.env = env;
    }

    ContactPoint read() {
        requireMapping("a mapping with keys such as name, type and url");
        JsonNode nameNode = value("name");
        if (nameNode == null) {
            throw missing("name", NAME_ALLOWED);
        }
        if (!nameNode.isTextual() || !NAME.matcher(nameNode.asText()).matches()) {
            throw invalid("name", nameNode, NAME_ALLOWED);
        }
        String name = nameNode.asText();
        label = "Contact point '" + name + "'";
        ContactPoint.Kind kind = kind();
        if (kind == ContactPoint.Kind.DESKTOP) {
            onlyKeys(List.of("name", "type", "max-per-minute", "send-resolved"));
        } else {
            onlyKeys(List.of("name", "type", "url", "headers", "max-per-minute", "send-resolved"));
        }
        URI url = kind == ContactPoint.Kind.DESKTOP ? null : url();
        Map<String, String> headers = kind == ContactPoint.Kind.DESKTOP ? Map.of() : headers();
        int maxPerMinute = (int) whole("max-per-minute", 1, MAX_PER_MINUTE, ContactPoint.DEFAULT_MAX_PER_MINUTE);
        boolean sendResolved = bool("send-resolved", true);
        return new ContactPoint(name, kind, url, headers, maxPerMinute, sendResolved);
    }

    private ContactPoint.Kind kind() {
        String allowed = "desktop, webhook, slack, teams";
        JsonNode value = value("type");
        if (value == null) {
            throw missing("type", allowed);
        }
        if (value.isTextual()) {
            for (ContactPoint.Kind k : ContactPoint.Kind.values()) {
                if (k.key().equals(value.asText())) {
                    return k;
                }
            }
        }
        throw invalid("type", value, allowed);
    }

    private URI url() {
        JsonNode value = value("url");
        if (value == null) {
            throw missing("url", URL_ALLOWED + ", or " + SECRET_ALLOWED + " holding one");
        }
        Secret secret = secret("url", value);
        String text = secret.value().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean ok = uri != null && uri.isAbsolute() && uri.getHost() != null
                && uri.getScheme() != null
                && List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT));
        if (!ok) {
            throw invalid("url", secret.shown(), URL_ALLOWED);
        }
        return uri;
    }

    private Map<String, String> headers() {
        JsonNode value = value("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null) {
            return headers;
        }
        if (!value.isObject()) {
            throw invalid("headers", value, "a mapping of header names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            String key = "headers." + h.getKey();
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw invalid("headers", h.getKey(), "header names of letters, digits and !#$%&'*+.^_`|~-");
            }
            Secret secret = secret(key, h.getValue());
            String text = secret.value().strip();
            if (text.isEmpty() || text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw invalid(key, secret.shown(), "one line of text that is not empty");
            }
            headers.put(h.getKey(), text);
        }
        return headers;
    }

    /** A value and how to name it in a message without showing it if it came from elsewhere. */
    private record Secret(String value, String shown) {
    }

    private Secret secret(String key, JsonNode value) {
        if (value.isTextual() || value.isNumber()) {
            return new Secret(value.asText(), NotificationsFile.shown(value));
        }
        if (!value.isObject() || value.size() != 1) {
            throw invalid(key, value, SECRET_ALLOWED);
        }
        if (value.has("env")) {
            JsonNode var = value.get("env");
            if (!var.isTextual() || var.asText().isBlank()) {
                throw invalid(key, value, SECRET_ALLOWED);
            }
            String resolved = env.apply(var.asText());
            if (resolved == null || resolved.isBlank()) {
                throw new RulesException(label + " in " + source + ": environment variable " + var.asText()
                        + " named by '" + key + "' is not set (allowed: " + SECRET_ALLOWED
                        + "; set the variable or change the value).");
            }
            return new Secret(resolved, "the value of environment variable " + var.asText());
        }
        if (value.has("file")) {
            JsonNode path = value.get("file");
            if (!path.isTextual() || path.asText().isBlank()) {
                throw invalid(key, value, SECRET_ALLOWED);
            }
            Path file = baseDir.resolve(path.asText());
            try {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).strip(),
                        "the content of file " + file);
            } catch (IOException | UncheckedIOException e) {
                String why = e instanceof NoSuchFileException ? "it does not exist"
                        : e instanceof MalformedInputException ? "it is not UTF-8 text"
                        : String.valueOf(e.getMessage());
                throw new RulesException(label + " in " + source + ": file " + file + " named by '" + key
                        + "' cannot be read: " + why + " (allowed: " + SECRET_ALLOWED + ").");
            }
        }
        throw invalid(key, value, SECRET_ALLOWED);
    }
}

package io.paypulse.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesException;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ProcessorSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the optional {@code notifications:} section of a rules file: contact points and routes.
 * Strict like {@link RulesFile}: every mistake (unknown key, bad type, malformed or relative URL,
 * unknown contact point or rule in a route, duplicate name, unset environment variable, unreadable
 * token file) is one {@link RulesException} sentence naming the file, the contact point or route,
 * the key, the value and what is allowed, because a typo here means a page that never arrives.
 *
 * <p>Secrets ({@code url} and header values) may be written as {@code { env: NAME }} or
 * {@code { file: PATH }} (a relative path is relative to the rules file); they are resolved here and
 * never shown in messages. The section may also be the name of a sibling file holding the same
 * mapping ({@code notifications: notifications.yaml}), so rules and secrets-bearing routing can be
 * kept apart. Without the section: {@link #defaults()}.
 */
public final class NotificationsFile {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The key in the rules file. */
    public static final String KEY = "notifications";

    private NotificationsFile() {
    }

    /** The notifications of a rules file (the rules themselves are read by {@link RulesFile#load}). */
    public static Notifications load(Path rulesFile) {
        Set<String> ruleNames = ruleNames(RulesFile.load(rulesFile));
        return parse(read(rulesFile, "Rules file"), rulesFile.toString(), ruleNames, baseOf(rulesFile), System::getenv);
    }

    /**
     * Reads the {@code notifications:} section of rules-file text; environment variables from the
     * process, relative paths from the working directory.
     *
     * @param source    how to call the text in messages, usually the file name
     * @param ruleNames the rules of the file, which routes may name
     */
    public static Notifications parse(String yaml, String source, Set<String> ruleNames) {
        return parse(yaml, source, ruleNames, Path.of(""), System::getenv);
    }

    /** As {@link #parse(String, String, Set)} with the directory for relative paths and the environment given. */
    public static Notifications parse(String yaml, String source, Set<String> ruleNames, Path baseDir,
            UnaryOperator<String> env) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // RulesFile reports YAML syntax with line and column; it reads the same text first.
            throw new RulesException("Rules file " + source + " is not valid YAML: " + firstLine(e.getOriginalMessage())
                    + ".");
        }
        JsonNode section = root == null || !root.isObject() ? null : root.get(KEY);
        if (section == null || section.isNull()) {
            return defaults();
        }
        if (section.isTextual()) {
            // A sibling file holding the section's mapping.
            Path file = baseDir.resolve(section.asText());
            String text = read(file, "Notifications file " + file + " (named by '" + KEY + "' in " + source + ")");
            try {
                section = YAML.readTree(text);
            } catch (JsonProcessingException e) {
                throw new RulesException("Notifications file " + file + " is not valid YAML: "
                        + firstLine(e.getOriginalMessage()) + ".");
            }
            source = file.toString();
            baseDir = baseOf(file);
            if (section == null || !section.isObject()) {
                throw new RulesException("Notifications file " + file
                        + " must be a mapping with 'contact-points' and 'routes'.");
            }
        }
        return new Reader(section, source, ruleNames, baseDir, env).read();
    }

    /** Name of the contact point {@code notify.webhook-url} adds. */
    public static final String WEBHOOK_URL_CONTACT_POINT = "webhook-url";

    /**
     * What a processor delivers: the notifications of its rules file ({@link #defaults()} without a
     * file or a section), plus contact point {@value #WEBHOOK_URL_CONTACT_POINT} with a catch-all
     * route when {@code notify.webhook-url} is set.
     */
    public static Notifications forProcessor(ProcessorSettings settings) {
        Notifications n = settings.rulesFile() == null ? defaults() : load(settings.rulesFile());
        String url = settings.notifyWebhookUrl();
        if (url.isBlank()) {
            return n;
        }
        if (n.contactPoint(WEBHOOK_URL_CONTACT_POINT).isPresent()) {
            throw ConfigException.invalid(ConfigKeys.NOTIFY_WEBHOOK_URL, url, "allowed: empty, since the rules file "
                    + settings.rulesFile() + " defines a contact point named " + WEBHOOK_URL_CONTACT_POINT
                    + " already (rename it)");
        }
        return n.withCatchAll(new ContactPoint(WEBHOOK_URL_CONTACT_POINT, ContactPoint.Kind.WEBHOOK,
                URI.create(url.trim()), Map.of(), ContactPoint.DEFAULT_MAX_PER_MINUTE, true));
    }

    /** When the rules file has no {@code notifications:}: one {@code desktop} contact point that gets every alert. */
    public static Notifications defaults() {
        ContactPoint desktop = new ContactPoint("desktop", ContactPoint.Kind.DESKTOP, null, Map.of(),
                ContactPoint.DEFAULT_MAX_PER_MINUTE, true);
        return new Notifications(List.of(desktop), List.of(new Route(Set.of(), Set.of(), List.of("desktop"))));
    }

    static Set<String> ruleNames(List<? extends AlertRule> rules) {
        Set<String> names = new LinkedHashSet<>();
        rules.forEach(r -> names.add(r.name()));
        return names;
    }

    private static Path baseOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RulesException(what + " cannot be read: it does not exist.");
        } catch (IOException e) {
            throw new RulesException(what + " cannot be read: " + e.getMessage() + ".");
        }
    }

    static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    static String shown(JsonNode node) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** Reads the section's mapping. */
    private static final class Reader {

        private final JsonNode node;
        private final String source;
        private final Set<String> ruleNames;
        private final Path baseDir;
        private final UnaryOperator<String> env;

        Reader(JsonNode node, String source, Set<String> ruleNames, Path baseDir, UnaryOperator<String> env) {
            this.node = node;
            this.source = source;
            this.ruleNames = ruleNames;
            this.baseDir = baseDir;
            this.env = env;
        }

        Notifications read() {
            if (!node.isObject()) {
                throw new RulesException("Rules file " + source + ": invalid value '" + shown(node) + "' for '" + KEY
                        + "' (allowed: a mapping with contact-points and routes, or the name of a file holding one).");
            }
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("contact-points") && !key.equals("routes")) {
                    throw new RulesException("Notifications in " + source + ": unknown key '" + key
                            + "' (allowed: contact-points, routes).");
                }
            }
            JsonNode points = node.get("contact-points");
            if (points == null || points.isNull()) {
                throw new RulesException("Notifications in " + source
                        + ": missing 'contact-points' (allowed: a list of contact points).");
            }
            if (!points.isArray()) {
                throw new RulesException("Notifications in " + source + ": invalid value '" + shown(points)
                        + "' for 'contact-points' (allowed: a list of contact points).");
            }
            List<ContactPoint> contactPoints = new ArrayList<>();
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < points.size(); i++) {
                ContactPoint cp = new ContactPointReader(points.get(i), i + 1, source, baseDir, env).read();
                Integer earlier = positions.putIfAbsent(cp.name(), i + 1);
                if (earlier != null) {
                    throw new RulesException("Contact point #" + (i + 1) + " in " + source + ": invalid value '"
                            + cp.name() + "' for 'name' (allowed: a name no other contact point has; contact point #"
                            + earlier + " already has it).");
                }
                contactPoints.add(cp);
            }
            JsonNode routeList = node.get("routes");
            List<Route> routes = new ArrayList<>();
            if (routeList == null || routeList.isNull()) {
                // No routes: every alert to every contact point, the least surprising default.
                if (!contactPoints.isEmpty()) {
                    routes.add(new Route(Set.of(), Set.of(), contactPoints.stream().map(ContactPoint::name).toList()));
                }
            } else if (!routeList.isArray()) {
                throw new RulesException("Notifications in " + source + ": invalid value '" + shown(routeList)
                        + "' for 'routes' (allowed: a list of routes).");
            } else {
                Set<String> names = positions.keySet();
                for (int i = 0; i < routeList.size(); i++) {
                    routes.add(new RouteReader(routeList.get(i), i + 1, source, names, ruleNames).read());
                }
            }
            return new Notifications(contactPoints, routes);
        }
    }
}

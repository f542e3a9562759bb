package io.paypulse.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.paypulse.event.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads alert rules from YAML: a top-level {@code rules:} list of mappings, one per rule. Strict on
 * purpose: an unknown key, a misspelt value or a number out of range is a {@link RulesException}
 * naming the file, the rule, the key, the value and what is allowed, because a typo in an alert rule
 * would otherwise silently never fire. The shipped file {@code default-rules.yaml} documents every key.
 */
public final class RulesFile {

    /** Name of the shipped rules, next to this class on the class path. */
    public static final String DEFAULT_RESOURCE = "default-rules.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final String NAME_ALLOWED = "lower-case letters, digits and '-'";
    private static final int MAX_FOR = 1440;

    private RulesFile() {
    }

    /** Reads a rules file; errors name the file as given. */
    public static List<AlertRule> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RulesException("Rules file " + file + " cannot be read: it does not exist.");
        } catch (CharacterCodingException e) {
            throw new RulesException("Rules file " + file + " cannot be read: it is not UTF-8 text.");
        } catch (IOException e) {
            throw new RulesException("Rules file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        return parse(text, file.toString());
    }

    /** The rules shipped with PayPulse. */
    public static List<AlertRule> defaults() {
        try (InputStream in = RulesFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads rules from YAML text.
     *
     * @param source how to call the text in error messages, usually the file name
     */
    public static List<AlertRule> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw notYaml(e, source);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RulesException("Rules file " + source + " is empty (expected a 'rules:' list).");
        }
        if (!root.isObject()) {
            throw new RulesException("Rules file " + source + " must be a mapping with a 'rules:' list, not '"
                    + shown(root) + "'.");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            // notifications: is read by io.paypulse.notify.NotificationsFile (contact points and routes).
            if (!key.equals("rules") && !key.equals("notifications")) {
                throw new RulesException("Rules file " + source + ": unknown key '" + key
                        + "' (allowed: rules, notifications).");
            }
        }
        JsonNode list = root.get("rules");
        if (list == null || list.isNull()) {
            throw new RulesException("Rules file " + source + ": missing 'rules' (allowed: a list of rules).");
        }
        if (!list.isArray()) {
            throw new RulesException("Rules file " + source + ": invalid value '" + shown(list)
                    + "' for 'rules' (allowed: a list of rules).");
        }
        List<AlertRule> rules = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            AlertRule rule = new RuleReader(list.get(i), i + 1, source).read();
            Integer earlier = positions.putIfAbsent(rule.name(), i + 1);
            if (earlier != null) {
                throw new RulesException("Rule #" + (i + 1) + " in " + source + ": invalid value '" + rule.name()
                        + "' for 'name' (allowed: a name no other rule has; rule #" + earlier + " already has it).");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /** SnakeYAML knows the actual problem and where it is; Jackson's own message starts with the context. */
    private static RulesException notYaml(JsonProcessingException e, String source) {
        String problem = firstLine(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            problem = firstLine(yaml.getProblem());
            where = " at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1);
        }
        return new RulesException("Rules file " + source + " is not valid YAML" + where + ": " + problem + ".");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    private static String shown(JsonNode node) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Reads one rule mapping; knows where it is for error messages. */
    private static final class RuleReader {

        private static final List<String> COMMON = List.of("name", "kind", "severity", "description", "enabled");

        private final JsonNode node;
        private final String source;
        private String label;

        RuleReader(JsonNode node, int position, String source) {
            this.node = node;
            this.source = source;
            this.label = "Rule #" + position;
        }

        AlertRule read() {
            if (!node.isObject()) {
                throw new RulesException(label + " in " + source + ": invalid value '" + shown(node)
                        + "' (allowed: a mapping with keys such as name, kind and severity).");
            }
            JsonNode nameNode = node.get("name");
            if (nameNode == null || nameNode.isNull()) {
                throw missing("name", NAME_ALLOWED);
            }
            if (!nameNode.isTextual() || !AlertRule.NAME.matcher(nameNode.asText()).matches()) {
                throw invalid("name", nameNode, NAME_ALLOWED);
            }
            String name = nameNode.asText();
            label = "Rule '" + name + "'";
            String kind = choice("kind", Map.of("threshold", "threshold", "no-data", "no-data",
                    "anomaly", "anomaly", "velocity", "velocity"), List.of("threshold", "no-data", "anomaly", "velocity"),
                    null);
            onlyKeys(switch (kind) {
                case "threshold" -> List.of("metric", "type", "status", "operator", "threshold", "recovery", "for",
                        "min-events");
                case "no-data" -> List.of("after");
                case "anomaly" -> List.of("metric", "type", "status", "k", "windows", "min-history", "min-band-pct",
                        "for");
                default -> List.of("metric", "threshold", "outlier-factor");
            });
            Severity severity = choice("severity", Map.of("WARNING", Severity.WARNING, "CRITICAL", Severity.CRITICAL),
                    List.of("WARNING", "CRITICAL"), null);
            String description = text("description", "");
            boolean enabled = bool("enabled", true);
            return switch (kind) {
                case "threshold" -> threshold(name, severity, description, enabled);
                case "no-data" -> noData(name, severity, description, enabled);
                case "anomaly" -> anomaly(name, severity, description, enabled);
                case "velocity" -> velocity(name, severity, description, enabled);
                default -> throw new IllegalStateException(kind);
            };
        }

        private ThresholdRule threshold(String name, Severity severity, String description, boolean enabled) {
            ThresholdRule.Metric metric = choice("metric", metrics(ThresholdRule.Metric.values()),
                    spellings(ThresholdRule.Metric.values()), null);
            boolean rate = metric.isPercent();
            List<String> keys = new ArrayList<>(List.of("metric", "type"));
            if (metric != ThresholdRule.Metric.FAILURE_RATE) {
                keys.add("status");
            }
            keys.addAll(List.of("operator", "threshold", "recovery", "for"));
            if (rate) {
                keys.add("min-events");
            }
            onlyKeys(keys);
            Selector selector = metric == ThresholdRule.Metric.FAILURE_RATE
                    ? new Selector(type(null), Selector.Status.ANY)
                    : new Selector(type(Selector.Type.ANY), status());
            ThresholdRule.Operator operator = choice("operator",
                    Map.of("above", ThresholdRule.Operator.ABOVE, "below", ThresholdRule.Operator.BELOW),
                    List.of("above", "below"), ThresholdRule.Operator.ABOVE);
            double max = rate ? 100 : Double.MAX_VALUE;
            String range = rate ? "a number from 0 to 100" : "a number of at least 0";
            double threshold = number("threshold", 0, max, range, null);
            boolean above = operator == ThresholdRule.Operator.ABOVE;
            double recovery = number("recovery", above ? 0 : threshold, above ? threshold : max,
                    (above ? "a number from 0 to the threshold " : "a number from the threshold ")
                            + Texts.plain(threshold) + (above ? "" : (rate ? " to 100" : " up"))
                            + ", since the operator is " + operator.spelling(), threshold);
            int forWindows = (int) whole("for", 1, MAX_FOR, 1L);
            long minEvents = rate ? whole("min-events", 0, Long.MAX_VALUE, 0L) : 0;
            return new ThresholdRule(name, severity, description, enabled, metric, selector, operator, threshold,
                    recovery, forWindows, minEvents);
        }

        private NoDataRule noData(String name, Severity severity, String description, boolean enabled) {
            long after = whole("after", 1, 86_400, null);
            return new NoDataRule(name, severity, description, enabled, Duration.ofSeconds(after));
        }

        private AnomalyRule anomaly(String name, Severity severity, String description, boolean enabled) {
            ThresholdRule.Metric[] allowed = {ThresholdRule.Metric.COUNT, ThresholdRule.Metric.SUM};
            ThresholdRule.Metric metric = choice("metric", metrics(allowed), spellings(allowed), null);
            Selector selector = new Selector(type(Selector.Type.ANY), status());
            double k = number("k", Double.MIN_VALUE, 1_000, "a number above 0", 3.0);
            int windows = (int) whole("windows", 2, AnomalyRule.MAX_WINDOWS, 10L);
            int minHistory = (int) whole("min-history", 2, windows, (long) Math.min(5, windows));
            double minBandPct = number("min-band-pct", 0, 1_000, "a number from 0 to 1000", 0.0);
            int forWindows = (int) whole("for", 1, MAX_FOR, 1L);
            return new AnomalyRule(name, severity, description, enabled, metric, selector, k, windows, minHistory,
                    minBandPct, forWindows);
        }

        private VelocityRule velocity(String name, Severity severity, String description, boolean enabled) {
            choice("metric", Map.of("failed-payments", "failed-payments"), List.of("failed-payments"),
                    "failed-payments");
            long threshold = whole("threshold", 1, 1_000_000, null);
            double outlierFactor = number("outlier-factor", 0, 1_000, "a number from 0 to 1000", 0.0);
            return new VelocityRule(name, severity, description, enabled, threshold, outlierFactor);
        }

        // ---- values ----------------------------------------------------------------------------

        private void onlyKeys(List<String> kindKeys) {
            List<String> allowed = new ArrayList<>(COMMON);
            allowed.addAll(kindKeys);
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    throw new RulesException(label + " in " + source + ": unknown key '" + key + "' (allowed: "
                            + String.join(", ", allowed) + ").");
                }
            }
        }

        private Selector.Type type(Selector.Type fallback) {
            List<String> spellings = fallback == null ? List.of("payment", "refund") : List.of("payment", "refund", "any");
            Map<String, Selector.Type> options = new LinkedHashMap<>();
            options.put("payment", Selector.Type.PAYMENT);
            options.put("refund", Selector.Type.REFUND);
            if (fallback != null) {
                options.put("any", Selector.Type.ANY);
            }
            return choice("type", options, spellings, fallback);
        }

        private Selector.Status status() {
            return choice("status", Map.of("ok", Selector.Status.OK, "failed", Selector.Status.FAILED,
                    "any", Selector.Status.ANY), List.of("ok", "failed", "any"), Selector.Status.ANY);
        }

        private <T> T choice(String key, Map<String, T> options, List<String> spellings, T fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw missing(key, String.join(", ", spellings));
                }
                return fallback;
            }
            T chosen = value.isTextual() ? options.get(value.asText()) : null;
            if (chosen == null) {
                throw invalid(key, value, String.join(", ", spellings));
            }
            return chosen;
        }

        private String text(String key, String fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isValueNode()) {
                throw invalid(key, value, "a line of text");
            }
            return value.asText();
        }

        private boolean bool(String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw invalid(key, value, "true, false");
            }
            return value.asBoolean();
        }

        private double number(String key, double min, double max, String allowed, Double fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw missing(key, allowed);
                }
                return fallback;
            }
            if (!value.isNumber() || !Double.isFinite(value.asDouble())
                    || value.asDouble() < min || value.asDouble() > max) {
                throw invalid(key, value, allowed);
            }
            return value.asDouble();
        }

        private long whole(String key, long min, long max, Long fallback) {
            String allowed = max == Long.MAX_VALUE
                    ? "a whole number of at least " + min
                    : "a whole number from " + min + " to " + max;
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw missing(key, allowed);
                }
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()
                    || value.asLong() < min || value.asLong() > max) {
                throw invalid(key, value, allowed);
            }
            return value.asLong();
        }

        private RulesException invalid(String key, JsonNode value, String allowed) {
            return new RulesException(label + " in " + source + ": invalid value '" + shown(value) + "' for '" + key
                    + "' (allowed: " + allowed + ").");
        }

        private RulesException missing(String key, String allowed) {
            return new RulesException(label + " in " + source + ": missing '" + key + "' (allowed: " + allowed + ").");
        }

        private static Map<String, ThresholdRule.Metric> metrics(ThresholdRule.Metric[] allowed) {
            Map<String, ThresholdRule.Metric> m = new LinkedHashMap<>();
            for (ThresholdRule.Metric metric : allowed) {
                m.put(metric.spelling(), metric);
            }
            return m;
        }

        private static List<String> spellings(ThresholdRule.Metric[] allowed) {
            List<String> s = new ArrayList<>();
            for (ThresholdRule.Metric metric : allowed) {
                s.add(metric.spelling());
            }
            return s;
        }
    }
}

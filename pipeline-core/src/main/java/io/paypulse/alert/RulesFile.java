package io.paypulse.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paypulse.json.Mappers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads alert rules from YAML: a top-level {@code rules:} list of mappings, one per rule. Strict on
 * purpose: an unknown key, a misspelt value or a number out of range is a {@link RulesException}
 * naming the file, the rule, the key, the value and what is allowed, because a typo in an alert rule
 * would otherwise silently never fire. The shipped file {@code default-rules.yaml} documents every key.
 *
 * <p>The structure is checked by {@code rules.schema.json} ({@link SchemaMistakes} words its errors),
 * what a schema cannot say by {@link KeyChecks}; {@link RuleReader} then builds each rule. Duplicate
 * names and YAML syntax are checked here. The format: {@code docs/rules-format.md}.
 */
public final class RulesFile {

    /** Name of the shipped rules, next to this class on the class path. */
    public static final String DEFAULT_RESOURCE = "default-rules.yaml";

    private static final ObjectMapper YAML = Mappers.yaml();

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
                    + Mistake.shown(root) + "'.");
        }
        nonFiniteAsText(root);
        SchemaMistakes mistakes = SchemaMistakes.of(root);
        Optional<Mistake> inFile = mistakes.inFile();
        if (inFile.isPresent()) {
            throw new RulesException(inFile.get().sentence("Rules file " + source));
        }
        JsonNode list = root.get("rules");
        List<AlertRule> rules = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            AlertRule rule = read(list.get(i), i, mistakes, source);
            Integer earlier = positions.putIfAbsent(rule.name(), i + 1);
            if (earlier != null) {
                throw new RulesException(Mistake.invalid("name", list.get(i).get("name"), "a name no other rule has; "
                        + "rule #" + earlier + " already has it").sentence("Rule #" + (i + 1) + " in " + source));
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /** Rule {@code index}, or its first mistake (the schema's or {@link KeyChecks}'). */
    private static AlertRule read(JsonNode rule, int index, SchemaMistakes mistakes, String source) {
        Optional<Mistake> mistake = mistakes.inRule(index, rule);
        // Until its name is known to be good, a rule is called by its position.
        boolean named = mistake.map(m -> m.key() != null && !m.key().equals("name")).orElse(true);
        String where = (named ? "Rule '" + rule.get("name").asText() + "'" : "Rule #" + (index + 1)) + " in " + source;
        if (mistake.isPresent()) {
            throw new RulesException(mistake.get().sentence(where));
        }
        return new RuleReader(rule).read();
    }

    /**
     * The validator cannot compare a number too large for a double ({@code 1e400}, read as infinite):
     * as text it fails every number check, and reads the same in a message.
     */
    private static void nonFiniteAsText(JsonNode root) {
        for (JsonNode rule : root.path("rules")) {
            if (rule instanceof ObjectNode mapping) {
                mapping.properties().forEach(e -> {
                    if (e.getValue().isNumber() && !Double.isFinite(e.getValue().asDouble())) {
                        e.setValue(TextNode.valueOf(e.getValue().asText()));
                    }
                });
            }
        }
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
}

package io.paypulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.NotificationsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules.schema.json}: a valid schema, documented, and every rules file we ship passes it. */
class RulesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The repository: tests run in the module's directory. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyRulesFileInTheRepositoryPassesTheSchemaAndLoads() throws IOException {
        List<Path> rulesFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO)) {
            for (Path file : files.filter(RulesSchemaTest::isSource).toList()) {
                JsonNode root = YAML.readTree(file.toFile());
                if (root != null && root.isObject() && root.has("rules")) {
                    rulesFiles.add(file);
                    assertThat(RulesSchema.INSTANCE.validate(root)).as(file.toString()).isEmpty();
                    assertThat(RulesFile.load(file)).as(file.toString()).isNotNull();
                }
            }
        }

        assertThat(rulesFiles).extracting(p -> p.getFileName().toString()).contains(RulesFile.DEFAULT_RESOURCE);
    }

    @Test
    void theNotificationsExampleInTheShippedFileWorksOnceUncommented(@TempDir Path dir) throws IOException {
        String shipped = shippedRules();
        String example = shipped.lines().dropWhile(l -> !l.equals("# notifications:"))
                .takeWhile(l -> !l.equals("#"))
                .filter(l -> !l.startsWith("#   #"))
                .map(l -> l.substring(2))
                .collect(Collectors.joining("\n", "", "\n"));
        String yaml = shipped + example;
        Files.writeString(dir.resolve("teams-url.txt"), "https://teams.example.test/hook\n");
        Map<String, String> env = Map.of("PAYPULSE_SLACK_URL", "https://hooks.slack.example.test/x",
                "PAYPULSE_HOOK_TOKEN", "Bearer t");

        List<AlertRule> rules = RulesFile.parse(yaml, "rules.yaml");
        Notifications notifications = NotificationsFile.parse(yaml, "rules.yaml",
                rules.stream().map(AlertRule::name).collect(Collectors.toSet()), dir, env::get);

        assertThat(example).startsWith("notifications:\n  contact-points:");
        assertThat(notifications.contactPoint("on-call")).isPresent();
        assertThat(notifications.contactPoint("teams")).isPresent();
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(
                SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(RulesSchema.INSTANCE.root())).isEmpty();
    }

    @Test
    void everyKeyIsDescribedInTheSchemaAndOnTheDocsPage() throws IOException {
        String page = Files.readString(REPO.resolve("docs/rules-format.md"), StandardCharsets.UTF_8);
        List<JsonNode> mappings = List.of(RulesSchema.INSTANCE.root(), RulesSchema.INSTANCE.definition("rule"),
                RulesSchema.INSTANCE.definition("threshold"), RulesSchema.INSTANCE.definition("no-data"),
                RulesSchema.INSTANCE.definition("anomaly"), RulesSchema.INSTANCE.definition("velocity"));
        Set<String> keys = new TreeSet<>();
        for (JsonNode mapping : mappings) {
            assertThat(mapping.path("description").asText()).isNotBlank();
            mapping.path("properties").fields().forEachRemaining(p -> {
                keys.add(p.getKey());
                assertThat(RulesSchema.INSTANCE.resolved(p.getValue()).path("description").asText())
                        .as(p.getKey()).isNotBlank();
            });
        }

        assertThat(keys).hasSize(21);
        for (String key : keys) {
            assertThat(page).as(key).contains("`" + key + "`");
        }
        assertThat(page).contains("pipeline-core/src/main/resources/io/paypulse/alert/rules.schema.json");
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        String path = REPO.relativize(file).toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !path.contains("target/") && !path.startsWith(".git/") && !path.contains("node_modules/");
    }

    private static String shippedRules() throws IOException {
        try (InputStream in = RulesFile.class.getResourceAsStream(RulesFile.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

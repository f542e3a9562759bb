package io.paypulse.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.config.ConfigException;
import io.paypulse.event.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesFileTest {

    private static final String FAILURES = """
            rules:
              - name: payment-failures
                kind: threshold
                severity: WARNING
                metric: failure-rate
                type: payment
                threshold: 40
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown kind", FAILURES.replace("kind: threshold", "kind: thresold"),
                        "Rule 'payment-failures' in rules.yaml: invalid value 'thresold' for 'kind' "
                                + "(allowed: threshold, no-data, anomaly, velocity)."),
                Arguments.of("unknown key", FAILURES + "    treshold: 50\n",
                        "Rule 'payment-failures' in rules.yaml: unknown key 'treshold' (allowed: name, kind, "
                                + "severity, description, enabled, metric, type, status, operator, threshold, "
                                + "recovery, for, min-events)."),
                Arguments.of("key of another metric", FAILURES + "    status: failed\n",
                        "Rule 'payment-failures' in rules.yaml: unknown key 'status' (allowed: name, kind, "
                                + "severity, description, enabled, metric, type, operator, threshold, recovery, for, "
                                + "min-events)."),
                Arguments.of("key of another kind", FAILURES + "    after: 45\n",
                        "Rule 'payment-failures' in rules.yaml: unknown key 'after' (allowed: name, kind, "
                                + "severity, description, enabled, metric, type, status, operator, threshold, "
                                + "recovery, for, min-events)."),
                Arguments.of("bad severity", FAILURES.replace("WARNING", "urgent"),
                        "Rule 'payment-failures' in rules.yaml: invalid value 'urgent' for 'severity' "
                                + "(allowed: WARNING, CRITICAL)."),
                Arguments.of("missing severity", FAILURES.replace("    severity: WARNING\n", ""),
                        "Rule 'payment-failures' in rules.yaml: missing 'severity' (allowed: WARNING, CRITICAL)."),
                Arguments.of("bad operator", FAILURES + "    operator: sometimes\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value 'sometimes' for 'operator' "
                                + "(allowed: above, below)."),
                Arguments.of("bad number", FAILURES.replace("threshold: 40", "threshold: forty"),
                        "Rule 'payment-failures' in rules.yaml: invalid value 'forty' for 'threshold' "
                                + "(allowed: a number from 0 to 100)."),
                Arguments.of("percent written with a sign", FAILURES.replace("threshold: 40", "threshold: 40%"),
                        "Rule 'payment-failures' in rules.yaml: invalid value '40%' for 'threshold' "
                                + "(allowed: a number from 0 to 100)."),
                Arguments.of("rate above 100", FAILURES.replace("threshold: 40", "threshold: 140"),
                        "Rule 'payment-failures' in rules.yaml: invalid value '140' for 'threshold' "
                                + "(allowed: a number from 0 to 100)."),
                Arguments.of("missing threshold", FAILURES.replace("    threshold: 40\n", ""),
                        "Rule 'payment-failures' in rules.yaml: missing 'threshold' "
                                + "(allowed: a number from 0 to 100)."),
                Arguments.of("recovery above an above-threshold", FAILURES + "    recovery: 50\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value '50' for 'recovery' "
                                + "(allowed: a number from 0 to the threshold 40, since the operator is above)."),
                Arguments.of("recovery below a below-threshold",
                        FAILURES + "    operator: below\n    recovery: 30\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value '30' for 'recovery' "
                                + "(allowed: a number from the threshold 40 to 100, since the operator is below)."),
                Arguments.of("fractional for", FAILURES + "    for: 1.5\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value '1.5' for 'for' "
                                + "(allowed: a whole number from 1 to 1440)."),
                Arguments.of("for of zero", FAILURES + "    for: 0\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value '0' for 'for' "
                                + "(allowed: a whole number from 1 to 1440)."),
                Arguments.of("negative min-events", FAILURES + "    min-events: -5\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value '-5' for 'min-events' "
                                + "(allowed: a whole number of at least 0)."),
                Arguments.of("failure rate of any type", FAILURES.replace("type: payment", "type: any"),
                        "Rule 'payment-failures' in rules.yaml: invalid value 'any' for 'type' "
                                + "(allowed: payment, refund)."),
                Arguments.of("enabled as a word", FAILURES + "    enabled: maybe\n",
                        "Rule 'payment-failures' in rules.yaml: invalid value 'maybe' for 'enabled' "
                                + "(allowed: true, false)."),
                Arguments.of("duplicate name", FAILURES + FAILURES.substring("rules:\n".length()),
                        "Rule #2 in rules.yaml: invalid value 'payment-failures' for 'name' "
                                + "(allowed: a name no other rule has; rule #1 already has it)."),
                Arguments.of("bad name", FAILURES.replace("name: payment-failures", "name: Payment Failures"),
                        "Rule #1 in rules.yaml: invalid value 'Payment Failures' for 'name' "
                                + "(allowed: lower-case letters, digits and '-')."),
                Arguments.of("missing name", FAILURES.replace("name: payment-failures", "description: x"),
                        "Rule #1 in rules.yaml: missing 'name' (allowed: lower-case letters, digits and '-')."),
                Arguments.of("no-data without after", """
                        rules:
                          - name: quiet
                            kind: no-data
                            severity: CRITICAL
                        """,
                        "Rule 'quiet' in rules.yaml: missing 'after' (allowed: a whole number from 1 to 86400)."),
                Arguments.of("anomaly on a rate", """
                        rules:
                          - name: odd
                            kind: anomaly
                            severity: WARNING
                            metric: failure-rate
                        """,
                        "Rule 'odd' in rules.yaml: invalid value 'failure-rate' for 'metric' (allowed: count, sum)."),
                Arguments.of("min-history beyond windows", """
                        rules:
                          - name: odd
                            kind: anomaly
                            severity: WARNING
                            metric: count
                            windows: 6
                            min-history: 8
                        """,
                        "Rule 'odd' in rules.yaml: invalid value '8' for 'min-history' "
                                + "(allowed: a whole number from 2 to 6)."),
                Arguments.of("velocity of zero", """
                        rules:
                          - name: cards
                            kind: velocity
                            severity: CRITICAL
                            threshold: 0
                        """,
                        "Rule 'cards' in rules.yaml: invalid value '0' for 'threshold' "
                                + "(allowed: a whole number from 1 to 1000000)."),
                Arguments.of("rule that is not a mapping", "rules:\n  - payment-failures\n",
                        "Rule #1 in rules.yaml: invalid value 'payment-failures' "
                                + "(allowed: a mapping with keys such as name, kind and severity)."),
                Arguments.of("unknown top-level key", "rulez: []\n",
                        "Rules file rules.yaml: unknown key 'rulez' (allowed: rules, notifications)."),
                Arguments.of("rules not a list", "rules: everything\n",
                        "Rules file rules.yaml: invalid value 'everything' for 'rules' (allowed: a list of rules)."),
                Arguments.of("empty file", "",
                        "Rules file rules.yaml is empty (expected a 'rules:' list)."),
                Arguments.of("same key twice", FAILURES + "    threshold: 50\n",
                        "Rules file rules.yaml is not valid YAML at line 8, column 14: Duplicate field 'threshold'."),
                Arguments.of("broken YAML", "rules:\n  - name: [a\n",
                        "Rules file rules.yaml is not valid YAML at line 3, column 1: expected ',' or ']', but got <stream end>."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsOnePlainSentenceNamingFileRuleKeyValueAndAllowedValues(String mistake, String yaml,
            String message) {
        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml"))
                .isInstanceOf(RulesException.class)
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void loadNamesTheFileAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-rules.yaml");
        Files.writeString(file, FAILURES.replace("WARNING", "urgent"));

        assertThatThrownBy(() -> RulesFile.load(file))
                .isInstanceOf(RulesException.class)
                .hasMessageStartingWith("Rule 'payment-failures' in " + file + ": invalid value 'urgent'");
    }

    @Test
    void aMissingFileIsOneSentence(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> RulesFile.load(file))
                .isInstanceOf(RulesException.class)
                .hasMessage("Rules file " + file + " cannot be read: it does not exist.");
    }

    @Test
    void aFileThatIsNotUtf8IsOneSentence(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "rules: [] # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> RulesFile.load(file))
                .isInstanceOf(RulesException.class)
                .hasMessage("Rules file " + file + " cannot be read: it is not UTF-8 text.");
    }

    @Test
    void loadsEveryKindWithItsDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                rules:
                  - name: payment-failures
                    kind: threshold
                    severity: WARNING
                    metric: failure-rate
                    type: payment
                    threshold: 40
                  - name: big-refunds
                    kind: threshold
                    severity: CRITICAL
                    description: Refunds over a million dollars a minute.
                    enabled: false
                    metric: sum
                    type: refund
                    operator: above
                    threshold: 1000000.50
                    recovery: 900000
                    for: 2
                  - name: quiet
                    kind: no-data
                    severity: CRITICAL
                    after: 45
                  - name: volume
                    kind: anomaly
                    severity: WARNING
                    metric: count
                  - name: cards
                    kind: velocity
                    severity: CRITICAL
                    threshold: 10
                """);

        List<AlertRule> rules = RulesFile.load(file);

        assertThat(rules).containsExactly(
                new ThresholdRule("payment-failures", Severity.WARNING, "", true, ThresholdRule.Metric.FAILURE_RATE,
                        new Selector(Selector.Type.PAYMENT, Selector.Status.ANY), ThresholdRule.Operator.ABOVE, 40, 40,
                        1, 0),
                new ThresholdRule("big-refunds", Severity.CRITICAL, "Refunds over a million dollars a minute.", false,
                        ThresholdRule.Metric.SUM, new Selector(Selector.Type.REFUND, Selector.Status.ANY),
                        ThresholdRule.Operator.ABOVE, 1_000_000.50, 900_000, 2, 0),
                new NoDataRule("quiet", Severity.CRITICAL, "", true, Duration.ofSeconds(45)),
                new AnomalyRule("volume", Severity.WARNING, "", true, ThresholdRule.Metric.COUNT, Selector.ALL, 3, 10,
                        5, 0, 1),
                new VelocityRule("cards", Severity.CRITICAL, "", true, 10, 0));
    }

    @Test
    void anEmptyListIsNoRules() {
        assertThat(RulesFile.parse("rules: []\n", "rules.yaml")).isEmpty();
    }

    @Test
    void theShippedDefaultsLoadAsDocumented() {
        List<AlertRule> rules = RulesFile.defaults();

        assertThat(rules).extracting(AlertRule::name).containsExactly("payment-failure-rate",
                "payment-failure-rate-critical", "refund-failure-rate", "refund-spike", "no-data",
                "payment-volume-anomaly", "card-testing");
        assertThat(rules).allMatch(AlertRule::enabled).allMatch(r -> !r.description().isBlank());
        Selector payments = new Selector(Selector.Type.PAYMENT, Selector.Status.ANY);
        Selector refunds = new Selector(Selector.Type.REFUND, Selector.Status.ANY);
        assertThat(rules).containsSubsequence(
                new ThresholdRule("payment-failure-rate", Severity.WARNING, rules.get(0).description(), true,
                        ThresholdRule.Metric.FAILURE_RATE, payments, ThresholdRule.Operator.ABOVE, 25, 15, 1, 100),
                new ThresholdRule("payment-failure-rate-critical", Severity.CRITICAL, rules.get(1).description(),
                        true, ThresholdRule.Metric.FAILURE_RATE, payments, ThresholdRule.Operator.ABOVE, 40, 20, 1, 100),
                new ThresholdRule("refund-failure-rate", Severity.WARNING, rules.get(2).description(), true,
                        ThresholdRule.Metric.FAILURE_RATE, refunds, ThresholdRule.Operator.ABOVE, 40, 25, 1, 30),
                new ThresholdRule("refund-spike", Severity.WARNING, rules.get(3).description(), true,
                        ThresholdRule.Metric.SHARE, refunds, ThresholdRule.Operator.ABOVE, 25, 15, 1, 100),
                new NoDataRule("no-data", Severity.CRITICAL, rules.get(4).description(), true, Duration.ofSeconds(45)),
                new AnomalyRule("payment-volume-anomaly", Severity.WARNING, rules.get(5).description(), true,
                        ThresholdRule.Metric.COUNT, payments, 4, 10, 5, 40, 1),
                new VelocityRule("card-testing", Severity.CRITICAL, rules.get(6).description(), true, 10, 8));
    }

    @Test
    void theShippedFileExplainsEveryKey() throws IOException {
        String text;
        try (InputStream in = RulesFile.class.getResourceAsStream(RulesFile.DEFAULT_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        for (String key : List.of("name", "kind", "severity", "description", "enabled", "metric", "type", "status",
                "operator", "threshold", "recovery", "for", "min-events", "after", "windows", "min-history", "k",
                "min-band-pct", "outlier-factor")) {
            assertThat(text).as(key).containsPattern("(?m)^#\\s+" + key + "\\s");
        }
    }
}

package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.alert.RulesException;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ProcessorSettings;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationsFileTest {

    private static final Set<String> RULES = new LinkedHashSet<>(
            List.of("payment-failure-rate", "payment-failure-rate-critical", "card-testing"));
    private static final Map<String, String> ENV = Map.of("PAYPULSE_SLACK_URL", "https://hooks.slack.test/T1/B2/secret",
            "PAYPULSE_HOOK_TOKEN", "Bearer s3cret");

    private static final String FILE = """
            rules: []
            notifications:
              contact-points:
                - name: desktop
                  type: desktop
                - name: on-call
                  type: slack
                  url: { env: PAYPULSE_SLACK_URL }
                  max-per-minute: 5
                  send-resolved: false
                - name: ops-hook
                  type: webhook
                  url: http://127.0.0.1:9000/hook
                  headers:
                    Authorization: { env: PAYPULSE_HOOK_TOKEN }
              routes:
                - severity: CRITICAL
                  rule: [card-testing]
                  to: [on-call, desktop]
                - severity: WARNING
                  to: desktop
                - to: [ops-hook]
            """;

    private static Notifications parse(String yaml, Path base) {
        return NotificationsFile.parse(yaml, "rules.yaml", RULES, base, ENV::get);
    }

    private static Notifications parse(String yaml) {
        return parse(yaml, Path.of(""));
    }

    @Test
    void readsContactPointsWithSecretsFromTheEnvironmentAndRoutes() {
        Notifications n = parse(FILE);

        assertThat(n.contactPoints()).extracting(ContactPoint::name).containsExactly("desktop", "on-call", "ops-hook");
        ContactPoint slack = n.contactPoint("on-call").orElseThrow();
        assertThat(slack.kind()).isEqualTo(ContactPoint.Kind.SLACK);
        assertThat(slack.url()).isEqualTo(URI.create("https://hooks.slack.test/T1/B2/secret"));
        assertThat(slack.maxPerMinute()).isEqualTo(5);
        assertThat(slack.sendResolved()).isFalse();
        ContactPoint hook = n.contactPoint("ops-hook").orElseThrow();
        assertThat(hook.headers()).containsEntry("Authorization", "Bearer s3cret");
        assertThat(hook.maxPerMinute()).isEqualTo(ContactPoint.DEFAULT_MAX_PER_MINUTE);
        assertThat(hook.sendResolved()).isTrue();
        assertThat(hook.toString()).doesNotContain("/hook").contains("ops-hook (webhook http://127.0.0.1:9000)");
        assertThat(slack.toString()).doesNotContain("secret");

        assertThat(n.destinations(alert("card-testing", Severity.CRITICAL)))
                .containsExactly("on-call", "desktop", "ops-hook");
        assertThat(n.destinations(alert("payment-failure-rate", Severity.WARNING)))
                .containsExactly("desktop", "ops-hook");
        assertThat(n.destinations(alert("payment-failure-rate-critical", Severity.CRITICAL)))
                .containsExactly("ops-hook");
    }

    @Test
    void withoutTheSectionEveryAlertGoesToTheDesktop() {
        Notifications n = parse("rules: []\n");

        assertThat(n).isEqualTo(NotificationsFile.defaults());
        assertThat(n.contactPoints()).singleElement().satisfies(cp -> {
            assertThat(cp.name()).isEqualTo("desktop");
            assertThat(cp.kind()).isEqualTo(ContactPoint.Kind.DESKTOP);
        });
        assertThat(n.destinations(alert("card-testing", Severity.CRITICAL))).containsExactly("desktop");
        assertThat(n.destinations(alert("payment-failure-rate", Severity.WARNING))).containsExactly("desktop");
    }

    @Test
    void withoutRoutesEveryAlertGoesToEveryContactPoint() {
        Notifications n = parse("""
                notifications:
                  contact-points:
                    - { name: a, type: webhook, url: "http://127.0.0.1:1/a" }
                    - { name: b, type: desktop }
                """);

        assertThat(n.destinations(alert("card-testing", Severity.CRITICAL))).containsExactly("a", "b");
    }

    @Test
    void readsATokenFromAFileNextToTheRulesFileAndASiblingNotificationsFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("token.txt"), "Bearer from-file\n");
        Files.writeString(dir.resolve("notify.yaml"), """
                contact-points:
                  - name: hook
                    type: teams
                    url: https://example.test/webhook
                    headers:
                      Authorization: { file: token.txt }
                """);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: card-testing
                    kind: velocity
                    severity: CRITICAL
                    threshold: 10
                notifications: notify.yaml
                """);

        Notifications n = NotificationsFile.load(rules);

        assertThat(n.contactPoint("hook").orElseThrow().headers()).containsEntry("Authorization", "Bearer from-file");
        assertThat(n.destinations(alert("card-testing", Severity.CRITICAL))).containsExactly("hook");
        // The rules reader accepts the section it does not read.
        assertThat(RulesFile.load(rules)).hasSize(1);
    }

    @Test
    void theShippedRulesFileHasNoSectionSoDefaultsApply() {
        assertThat(RulesFile.defaults()).isNotEmpty();
    }

    static Stream<Arguments> mistakes() {
        String cp = "rules: []\nnotifications:\n  contact-points:\n";
        return Stream.of(
                Arguments.of("unknown section key", "notifications:\n  contact-point: []\n",
                        "Notifications in rules.yaml: unknown key 'contact-point' (allowed: contact-points, routes)."),
                Arguments.of("missing contact points", "notifications:\n  routes: []\n",
                        "Notifications in rules.yaml: missing 'contact-points' (allowed: a list of contact points)."),
                Arguments.of("section not a mapping", "notifications: [desktop]\n",
                        "Rules file rules.yaml: invalid value '[\"desktop\"]' for 'notifications' (allowed: a mapping "
                                + "with contact-points and routes, or the name of a file holding one)."),
                Arguments.of("unknown type", cp + "    - { name: pager, type: pagerduty, url: 'https://x.test' }\n",
                        "Contact point 'pager' in rules.yaml: invalid value 'pagerduty' for 'type' "
                                + "(allowed: desktop, webhook, slack, teams)."),
                Arguments.of("missing type", cp + "    - { name: pager }\n",
                        "Contact point 'pager' in rules.yaml: missing 'type' (allowed: desktop, webhook, slack, teams)."),
                Arguments.of("unknown key", cp + "    - { name: hook, type: webhook, url: 'https://x.test', retries: 3 }\n",
                        "Contact point 'hook' in rules.yaml: unknown key 'retries' (allowed: name, type, url, headers, "
                                + "max-per-minute, send-resolved)."),
                Arguments.of("url on desktop", cp + "    - { name: me, type: desktop, url: 'https://x.test' }\n",
                        "Contact point 'me' in rules.yaml: unknown key 'url' (allowed: name, type, max-per-minute, "
                                + "send-resolved)."),
                Arguments.of("missing url", cp + "    - { name: hook, type: webhook }\n",
                        "Contact point 'hook' in rules.yaml: missing 'url' (allowed: an absolute http:// or https:// "
                                + "URL with a host, or a literal, { env: NAME } or { file: PATH } holding one)."),
                Arguments.of("malformed url", cp + "    - { name: hook, type: webhook, url: 'http://exa mple.test/h' }\n",
                        "Contact point 'hook' in rules.yaml: invalid value 'http://exa mple.test/h' for 'url' "
                                + "(allowed: an absolute http:// or https:// URL with a host)."),
                Arguments.of("relative url", cp + "    - { name: hook, type: webhook, url: '/hook' }\n",
                        "Contact point 'hook' in rules.yaml: invalid value '/hook' for 'url' "
                                + "(allowed: an absolute http:// or https:// URL with a host)."),
                Arguments.of("other scheme", cp + "    - { name: hook, type: slack, url: 'ftp://files.test/x' }\n",
                        "Contact point 'hook' in rules.yaml: invalid value 'ftp://files.test/x' for 'url' "
                                + "(allowed: an absolute http:// or https:// URL with a host)."),
                Arguments.of("missing env var", cp + "    - { name: hook, type: slack, url: { env: NOT_SET_ANYWHERE } }\n",
                        "Contact point 'hook' in rules.yaml: environment variable NOT_SET_ANYWHERE named by 'url' "
                                + "is not set (allowed: a literal, { env: NAME } or { file: PATH }; set the variable "
                                + "or change the value)."),
                Arguments.of("env var holding no url", cp + "    - { name: hook, type: slack, url: { env: PAYPULSE_HOOK_TOKEN } }\n",
                        "Contact point 'hook' in rules.yaml: invalid value 'the value of environment variable "
                                + "PAYPULSE_HOOK_TOKEN' for 'url' (allowed: an absolute http:// or https:// URL with a host)."),
                Arguments.of("missing token file", cp + "    - name: hook\n      type: webhook\n      url: https://x.test\n"
                                + "      headers: { Authorization: { file: /nonexistent/token } }\n",
                        "Contact point 'hook' in rules.yaml: file /nonexistent/token named by 'headers.Authorization' "
                                + "cannot be read: it does not exist (allowed: a literal, { env: NAME } or { file: PATH })."),
                Arguments.of("secret of another shape", cp + "    - { name: hook, type: slack, url: { vault: x } }\n",
                        "Contact point 'hook' in rules.yaml: invalid value '{\"vault\":\"x\"}' for 'url' "
                                + "(allowed: a literal, { env: NAME } or { file: PATH })."),
                Arguments.of("bad header name", cp + "    - { name: hook, type: webhook, url: 'https://x.test', "
                                + "headers: { 'X Token': abc } }\n",
                        "Contact point 'hook' in rules.yaml: invalid value 'X Token' for 'headers' "
                                + "(allowed: header names of letters, digits and !#$%&'*+.^_`|~-)."),
                Arguments.of("zero per minute", cp + "    - { name: me, type: desktop, max-per-minute: 0 }\n",
                        "Contact point 'me' in rules.yaml: invalid value '0' for 'max-per-minute' "
                                + "(allowed: a whole number from 1 to 10000)."),
                Arguments.of("send-resolved as a word", cp + "    - { name: me, type: desktop, send-resolved: yes please }\n",
                        "Contact point 'me' in rules.yaml: invalid value 'yes please' for 'send-resolved' "
                                + "(allowed: true, false)."),
                Arguments.of("bad name", cp + "    - { name: On Call, type: desktop }\n",
                        "Contact point #1 in rules.yaml: invalid value 'On Call' for 'name' "
                                + "(allowed: lower-case letters, digits and '-')."),
                Arguments.of("duplicate name", cp + "    - { name: me, type: desktop }\n    - { name: me, type: desktop }\n",
                        "Contact point #2 in rules.yaml: invalid value 'me' for 'name' (allowed: a name no other "
                                + "contact point has; contact point #1 already has it)."),
                Arguments.of("unknown contact point in a route", cp + "    - { name: me, type: desktop }\n"
                                + "  routes:\n    - { severity: CRITICAL, to: [me, on-call] }\n",
                        "Route #1 in rules.yaml: invalid value 'on-call' for 'to' "
                                + "(allowed: a contact point defined under contact-points: me)."),
                Arguments.of("unknown rule in a route", cp + "    - { name: me, type: desktop }\n"
                                + "  routes:\n    - { to: me }\n    - { rule: card-tseting, to: me }\n",
                        "Route #2 in rules.yaml: invalid value 'card-tseting' for 'rule' (allowed: a rule of this "
                                + "file: payment-failure-rate, payment-failure-rate-critical, card-testing)."),
                Arguments.of("bad severity in a route", cp + "    - { name: me, type: desktop }\n"
                                + "  routes:\n    - { severity: [CRITICAL, urgent], to: me }\n",
                        "Route #1 in rules.yaml: invalid value 'urgent' for 'severity' "
                                + "(allowed: WARNING, CRITICAL, or a list of them)."),
                Arguments.of("route without to", cp + "    - { name: me, type: desktop }\n"
                                + "  routes:\n    - { severity: CRITICAL }\n",
                        "Route #1 in rules.yaml: missing 'to' (allowed: a contact point name or a list of them: me)."),
                Arguments.of("unknown route key", cp + "    - { name: me, type: desktop }\n"
                                + "  routes:\n    - { severity: CRITICAL, to: me, group: Payment }\n",
                        "Route #1 in rules.yaml: unknown key 'group' (allowed: severity, rule, to)."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsOneSentenceNamingTheKeyTheValueAndWhatIsAllowed(String what, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(RulesException.class)
                .hasMessage(message);
    }

    @Test
    void aMessageAboutASecretNeverShowsIt() {
        String yaml = "notifications:\n  contact-points:\n"
                + "    - { name: hook, type: webhook, url: https://x.test, headers: { X-Token: { env: MULTI } } }\n";
        assertThatThrownBy(() -> NotificationsFile.parse(yaml, "rules.yaml", RULES, Path.of(""),
                Map.of("MULTI", "line1\nline2-secret")::get))
                .isInstanceOf(RulesException.class)
                .hasMessage("Contact point 'hook' in rules.yaml: invalid value 'the value of environment variable MULTI' "
                        + "for 'headers.X-Token' (allowed: one line of text that is not empty).")
                .message().doesNotContain("secret");
    }

    @Test
    void aMissingSiblingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("notifications: notify.yaml\n", dir))
                .isInstanceOf(RulesException.class)
                .hasMessage("Notifications file " + dir.resolve("notify.yaml")
                        + " (named by 'notifications' in rules.yaml) cannot be read: it does not exist.");
    }

    @Test
    void theWebhookUrlSettingAddsAContactPointThatGetsEveryAlert(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - { name: card-testing, kind: velocity, severity: CRITICAL, threshold: 10 }
                notifications:
                  contact-points:
                    - { name: me, type: desktop }
                  routes:
                    - { severity: WARNING, to: me }
                """);
        ProcessorSettings settings = ProcessorSettings.defaults();

        Notifications n = NotificationsFile.forProcessor(settings.withRulesFile(rules)
                .withNotifyWebhookUrl("http://127.0.0.1:9000/hook"));

        ContactPoint hook = n.contactPoint("webhook-url").orElseThrow();
        assertThat(hook.kind()).isEqualTo(ContactPoint.Kind.WEBHOOK);
        assertThat(hook.url()).isEqualTo(URI.create("http://127.0.0.1:9000/hook"));
        assertThat(n.destinations(alert("card-testing", Severity.CRITICAL))).containsExactly("webhook-url");
        assertThat(NotificationsFile.forProcessor(settings).contactPoints()).extracting(ContactPoint::name)
                .containsExactly("desktop");
    }

    @Test
    void theWebhookUrlSettingCannotReplaceAContactPointOfTheSameName(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules: []\nnotifications:\n  contact-points:\n    - { name: webhook-url, type: desktop }\n");
        ProcessorSettings settings = ProcessorSettings.defaults()
                .withRulesFile(rules).withNotifyWebhookUrl("http://127.0.0.1:9000/hook");

        assertThatThrownBy(() -> NotificationsFile.forProcessor(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'http://127.0.0.1:9000/hook' for notify.webhook-url: allowed: empty, "
                        + "since the rules file " + rules + " defines a contact point named webhook-url already "
                        + "(rename it).");
    }

    static Alert alert(String rule, Severity severity) {
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        return new Alert(Alert.idOf(rule, "Payment", start), rule, severity, "Payment", start, start.plusSeconds(60),
                50, 40, "", AlertState.FIRING, 1, start.plusSeconds(60), start.plusSeconds(60));
    }
}

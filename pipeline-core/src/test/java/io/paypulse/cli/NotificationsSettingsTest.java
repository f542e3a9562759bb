package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistake in where alerts go stops a command with one sentence before it starts anything. */
class NotificationsSettingsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aRouteToAnUnknownContactPointIsReportedBeforeTheBrokerStarts() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules: []
                notifications:
                  contact-points:
                    - { name: ops-hook, type: webhook, url: "http://127.0.0.1:9000/hook" }
                  routes:
                    - { to: pager }
                """);

        assertThat(run("run", "--rules", rules.toString(), "--data-dir", dir.toString())).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("paypulse: Route #1 in " + rules + ": invalid value 'pager' for "
                + "'to' (allowed: a contact point defined under contact-points: ops-hook).");
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void aMissingTokenFileIsReportedBeforeTheProcessorConnects() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules: []
                notifications:
                  contact-points:
                    - name: ops-hook
                      type: webhook
                      url: http://127.0.0.1:9000/hook
                      headers: { Authorization: { file: token.txt } }
                """);

        assertThat(run("process", "--rules", rules.toString(), "--bootstrap", "localhost:1", "--data-dir",
                dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("Contact point 'ops-hook' in " + rules + ": file " + dir.resolve("token.txt")
                + " named by 'headers.Authorization' cannot be read: it does not exist").doesNotContain("at io.");
    }

    @Test
    void aWebhookUrlThatIsNotOneIsReportedWithItsKey() {
        assertThat(run("process", "--bootstrap", "localhost:1", "--data-dir", dir.toString(), "--set",
                "notify.webhook-url=hooks.example.com/x")).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value 'hooks.example.com/x' for "
                + "notify.webhook-url (from --set): allowed: an http:// or https:// URL such as "
                + "http://127.0.0.1:9000/hook, or empty for none.");
    }
}

package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.paypulse.app.testing.RunningApp;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.ConfigKeys;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ⚙ ▸ Notifications… on a real (headless) window, as a user would: the rules file's contact points,
 * Send test reaching a real local HTTP server, a refused test in one sentence, the empty state and a
 * broken notifications section. No pipeline is started: Send test needs none.
 */
class NotificationsJourneyTest {

    private static final String TOKEN = "s3cr3t-t0ken";

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private void launch(String notificationsSection) throws Exception {
        launch(notificationsSection, Map.of());
    }

    private void launch(String notificationsSection, Map<String, String> settings) throws Exception {
        String rules;
        try (InputStream in = RulesFile.class.getResourceAsStream("default-rules.yaml")) {
            rules = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path rulesFile = dir.resolve("rules.yaml");
        Files.writeString(rulesFile, rules + "\n" + notificationsSection);
        RunningApp.Launch launch = running.in(dir).set(ConfigKeys.RULES, rulesFile.toString());
        settings.forEach(launch::set);
        launch.launch();
    }

    private int startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + body);
            byte[] answer = exchange.getRequestURI().getPath().equals("/bad")
                    ? "bad token".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/bad") ? 400 : 204,
                    answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void close() throws Exception {
        running.close();
        if (server != null) {
            server.stop(0);
        }
    }

    private TableView<ContactPointRow> openNotifications() {
        robot.clickOn("⚙");
        robot.clickOn("Notifications…");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<ContactPointRow> table = robot.lookup("#contactTable").queryAs(TableView.class);
        return table;
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private boolean shown(String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible() && n.isManaged();
    }

    @Test
    void sendTestReachesTheWebhookAndARefusalIsOneSentence() throws Exception {
        int port = startServer();
        Files.writeString(dir.resolve("hook-token"), TOKEN + "\n");
        launch("""
                notifications:
                  contact-points:
                    - name: desktop
                      type: desktop
                    - name: ops-hook
                      type: webhook
                      url: http://127.0.0.1:%d/hook
                      headers:
                        Authorization: { file: hook-token }
                    - name: bad-hook
                      type: webhook
                      url: http://127.0.0.1:%d/bad
                  routes:
                    - severity: CRITICAL
                      to: [ops-hook, desktop]
                    - severity: WARNING
                      rule: [payment-failure-rate]
                      to: [bad-hook]
                """.formatted(port, port));
        TableView<ContactPointRow> table = openNotifications();
        await("the rules file's contact points").atMost(Duration.ofSeconds(10))
                .until(() -> table.getItems().size() == 3);
        ContactPointRow hook = table.getItems().get(1);
        assertThat(hook.name()).isEqualTo("ops-hook");
        assertThat(hook.type()).isEqualTo("webhook");
        assertThat(hook.destination()).isEqualTo("http://127.0.0.1:" + port); // no path: tokens live there
        assertThat(hook.routes()).isEqualTo("CRITICAL");
        assertThat(hook.lastDelivery()).isEqualTo("never");
        assertThat(table.getItems().get(2).routes()).isEqualTo("WARNING of payment-failure-rate");
        assertThat(table.getItems().toString()).doesNotContain(TOKEN);
        assertThat(shown("#emptyBox")).isFalse();

        robot.clickOn(robot.from(table).lookup(LabeledMatchers.hasText("ops-hook")).queryLabeled());
        robot.clickOn("#sendTestButton");
        await("the test at the server").atMost(Duration.ofSeconds(15)).until(() -> received.size() == 1);
        assertThat(received.get(0)).startsWith("/hook " + TOKEN + " ")
                .contains("PayPulse test message for contact point 'ops-hook'");
        await("the sentence").atMost(Duration.ofSeconds(5)).until(() -> text("#testResultLabel")
                .matches("Test delivered to ops-hook at \\d\\d:\\d\\d:\\d\\d\\."));
        await("the row's last delivery").atMost(Duration.ofSeconds(5))
                .until(() -> table.getItems().get(1).lastDelivery().matches("\\d\\d:\\d\\d:\\d\\d"));

        robot.clickOn(robot.from(table).lookup(LabeledMatchers.hasText("bad-hook")).queryLabeled());
        robot.clickOn("#sendTestButton");
        await("the refusal").atMost(Duration.ofSeconds(15)).until(() -> text("#testResultLabel")
                .startsWith("Test to bad-hook"));
        assertThat(text("#testResultLabel")).isEqualTo("Test to bad-hook not delivered: HTTP 400 from 127.0.0.1:"
                + port + ": bad token (not retried).");
        assertThat(received).hasSize(2); // one attempt: a 400 is not retried
        await("the row's last error").atMost(Duration.ofSeconds(5))
                .until(() -> table.getItems().get(2).lastError().contains("HTTP 400"));
    }

    @Test
    void withoutANotificationsSectionOnlyTheDesktopIsListedAndTheEmptyStateSaysWhatToDo() throws Exception {
        launch("");
        TableView<ContactPointRow> table = openNotifications();
        await("the built-in desktop contact point").atMost(Duration.ofSeconds(10))
                .until(() -> table.getItems().size() == 1);
        ContactPointRow desktop = table.getItems().get(0);
        assertThat(desktop.name()).isEqualTo("desktop");
        assertThat(desktop.destination()).isEqualTo("this computer");
        assertThat(desktop.routes()).isEqualTo("all alerts");
        assertThat(shown("#emptyBox")).isTrue();
        assertThat(text("#hintLabel")).contains("README").contains("Notifications");
        // Monocle has no tray: the row says so, and a test says why nothing appeared.
        await("the tray's note").atMost(Duration.ofSeconds(10)).until(() -> table.getItems().get(0).lastError()
                .equals("not available: this desktop has no system tray"));
        robot.clickOn("#sendTestButton");
        await("the sentence").atMost(Duration.ofSeconds(10)).until(() -> text("#testResultLabel").equals(
                "Test to desktop not delivered: Desktop notifications are not available: this desktop has no system tray."));
    }

    @Test
    void theWebhookUrlShortcutIsListedAndTested() throws Exception {
        int port = startServer();
        launch("", Map.of(ConfigKeys.NOTIFY_WEBHOOK_URL, "http://127.0.0.1:" + port + "/hook"));
        TableView<ContactPointRow> table = openNotifications();
        await("desktop and the shortcut").atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == 2);
        assertThat(table.getItems().get(1).name()).isEqualTo("webhook-url");
        assertThat(table.getItems().get(1).routes()).isEqualTo("all alerts");
        assertThat(shown("#emptyBox")).isFalse();
        robot.clickOn(robot.from(table).lookup(LabeledMatchers.hasText("webhook-url")).queryLabeled());
        robot.clickOn("#sendTestButton");
        await("the test at the server").atMost(Duration.ofSeconds(15)).until(() -> received.size() == 1);
        assertThat(received.get(0)).startsWith("/hook ").contains("contact point 'webhook-url'");
    }

    @Test
    void aBrokenNotificationsSectionIsShownAsOneSentenceNamingTheKey() throws Exception {
        launch("""
                notifications:
                  contact-points:
                    - name: on-call
                      type: slack
                      url: { env: PAYPULSE_TEST_UNSET_SLACK_URL }
                """);
        openNotifications();
        await("the problem").atMost(Duration.ofSeconds(10)).until(() -> shown("#problemBox"));
        assertThat(text("#problemLabel")).contains("on-call").contains("url")
                .contains("PAYPULSE_TEST_UNSET_SLACK_URL");
    }
}

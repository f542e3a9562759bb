package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.alert.RulesFile;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP senders against a real local receiver: bodies of each kind, and which answers are retried. */
class SendersTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:41:00Z");
    private static final NoticeText TEXT = new NoticeText(RulesFile.defaults());
    private final HookServer server = new HookServer();

    @AfterEach
    void stop() {
        server.close();
    }

    static Alert outage(AlertState state) {
        return new Alert(Alert.idOf("payment-failure-rate-critical", "Payment", T0), "payment-failure-rate-critical",
                Severity.CRITICAL, "Payment", T0, T0.plusSeconds(120), 52.3, 40,
                "52.3% of payments failed (threshold 40%) <in> 2 windows & counting.", state, 2, T0.plusSeconds(60),
                T0.plusSeconds(120));
    }

    private ContactPoint contactPoint(ContactPoint.Kind kind, Map<String, String> headers) {
        return new ContactPoint("ops", kind, server.url("/hook/secret-path"), headers, 10, true);
    }

    @Test
    void theWebhookPostsTheDocumentedJsonBodyWithTheConfiguredHeaders() {
        Sender sender = Senders.forContactPoint(contactPoint(ContactPoint.Kind.WEBHOOK,
                Map.of("Authorization", "Bearer t0ken")));

        SendResult result = sender.send(Message.of(TEXT.notice(outage(AlertState.FIRING))));

        assertThat(result).isEqualTo(SendResult.delivered(200));
        HookServer.Post post = server.posts().get(0);
        assertThat(post.path()).isEqualTo("/hook/secret-path");
        assertThat(post.header("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(post.header("Content-Type")).startsWith("application/json");
        JsonNode body = post.json();
        assertThat(body.get("type").asText()).isEqualTo("alert");
        assertThat(body.get("count").asInt()).isEqualTo(1);
        assertThat(body.get("summary").asText()).isEqualTo("CRITICAL payment-failure-rate-critical FIRING: 52.3% of "
                + "payments failed (threshold 40%) <in> 2 windows & counting. (Payment, 10:41-10:43 UTC)");
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.get("alertId").asText()).isEqualTo("payment-failure-rate-critical|Payment|2026-03-02T10:41:00Z");
        assertThat(alert.get("rule").asText()).isEqualTo("payment-failure-rate-critical");
        assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(alert.get("state").asText()).isEqualTo("FIRING");
        assertThat(alert.get("group").asText()).isEqualTo("Payment");
        assertThat(alert.get("windowStart").asText()).isEqualTo("2026-03-02T10:41:00Z");
        assertThat(alert.get("windowEnd").asText()).isEqualTo("2026-03-02T10:43:00Z");
        assertThat(alert.get("value").asDouble()).isEqualTo(52.3);
        assertThat(alert.get("threshold").asDouble()).isEqualTo(40.0);
        assertThat(alert.get("selector").asText()).isEqualTo("failure-rate of Payment");
        assertThat(alert.get("occurrences").asInt()).isEqualTo(2);
        assertThat(alert.get("summary").asText()).isEqualTo(body.get("summary").asText());
    }

    @Test
    void slackGetsOneReadableMrkdwnLineWithItsControlCharactersEscaped() {
        Sender sender = Senders.forContactPoint(contactPoint(ContactPoint.Kind.SLACK, Map.of()));

        assertThat(sender.send(Message.of(TEXT.notice(outage(AlertState.RESOLVED)))).isDelivered()).isTrue();

        JsonNode body = server.posts().get(0).json();
        assertThat(body.fieldNames()).toIterable().containsExactly("text");
        assertThat(body.get("text").asText()).isEqualTo(":large_green_circle: *CRITICAL* "
                + "`payment-failure-rate-critical` RESOLVED: 52.3% of payments failed (threshold 40%) &lt;in&gt; "
                + "2 windows &amp; counting. (Payment, 10:41-10:43 UTC)");
    }

    @Test
    void teamsGetsAnAdaptiveCardWithTheSummaryAsTitleAndTheAlertsFacts() {
        Sender sender = Senders.forContactPoint(contactPoint(ContactPoint.Kind.TEAMS, Map.of()));

        assertThat(sender.send(Message.of(TEXT.notice(outage(AlertState.FIRING)))).isDelivered()).isTrue();

        JsonNode body = server.posts().get(0).json();
        assertThat(body.get("type").asText()).isEqualTo("message");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("body").get(0).get("text").asText()).startsWith("CRITICAL payment-failure-rate-critical FIRING");
        assertThat(card.get("body").get(0).get("color").asText()).isEqualTo("Attention");
        List<String> facts = new ArrayList<>();
        card.get("body").get(1).get("facts").forEach(f -> facts.add(f.get("title").asText() + "=" + f.get("value").asText()));
        assertThat(facts).contains("Rule=payment-failure-rate-critical", "State=FIRING", "Group=Payment",
                "Alert id=payment-failure-rate-critical|Payment|2026-03-02T10:41:00Z");
    }

    @Test
    void aDigestCountsEveryFoldedAlertAndListsThem() {
        List<Notice> folded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant start = T0.plusSeconds(60L * i);
            folded.add(TEXT.notice(new Alert(Alert.idOf("card-testing", "user_00000" + i, start), "card-testing",
                    Severity.CRITICAL, "user_00000" + i, start, start.plusSeconds(60), 12, 10, "", AlertState.FIRING, 1,
                    start, start)));
        }
        Message digest = Message.digest(folded);
        assertThat(digest.summary()).isEqualTo("12 more alerts held back by the rate limit (12 CRITICAL): card-testing ×12");

        Senders.forContactPoint(contactPoint(ContactPoint.Kind.WEBHOOK, Map.of())).send(digest);

        JsonNode body = server.posts().get(0).json();
        assertThat(body.get("type").asText()).isEqualTo("digest");
        assertThat(body.get("count").asInt()).isEqualTo(12);
        assertThat(body.get("alerts")).hasSize(12);
        assertThat(body.get("alerts").get(11).get("group").asText()).isEqualTo("user_0000011");
    }

    @Test
    void theTestMessageReachesTheReceiver() {
        ContactPoint cp = contactPoint(ContactPoint.Kind.SLACK, Map.of());

        assertThat(Senders.forContactPoint(cp).send(Message.test(cp)).isDelivered()).isTrue();

        assertThat(server.posts().get(0).json().get("text").asText())
                .isEqualTo(":white_check_mark: PayPulse test message for contact point 'ops': alerts routed to it "
                        + "will arrive here.");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetriedOtherClientErrorsAreNot() {
        Sender sender = Senders.forContactPoint(contactPoint(ContactPoint.Kind.WEBHOOK, Map.of()));
        Message message = Message.of(TEXT.notice(outage(AlertState.FIRING)));
        server.answer(503, 429, 400, 404);
        String host = "127.0.0.1:" + server.url("/").getPort();

        SendResult unavailable = sender.send(message);
        SendResult tooMany = sender.send(message);
        SendResult bad = sender.send(message);
        SendResult missing = sender.send(message);

        assertThat(unavailable.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(tooMany.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(bad.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(bad.detail()).isEqualTo("HTTP 400 from " + host
                + ": {\"error\":\"refused by the test receiver\"} (not retried)");
        assertThat(missing.outcome()).isEqualTo(SendResult.Outcome.REJECTED);
        assertThat(List.of(unavailable, tooMany, bad, missing)).allSatisfy(r ->
                assertThat(r.detail()).doesNotContain("secret-path"));
    }

    @Test
    void aReceiverThatIsNotListeningIsRetried() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ContactPoint cp = new ContactPoint("gone", ContactPoint.Kind.WEBHOOK,
                URI.create("http://127.0.0.1:" + port + "/hook"), Map.of(), 10, true);

        SendResult result = Senders.forContactPoint(cp).send(Message.test(cp));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(result.detail()).startsWith("Cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void desktopHasNoHttpSender() {
        ContactPoint desktop = NotificationsFile.defaults().contactPoints().get(0);
        assertThatThrownBy(() -> Senders.forContactPoint(desktop)).isInstanceOf(IllegalArgumentException.class);
    }
}

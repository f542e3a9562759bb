package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.broker.PortProbe;
import io.paypulse.cluster.TopicSetup;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.event.serde.Json;
import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceWriter;
import io.paypulse.notify.TopicSilences;
import io.paypulse.testing.SharedBroker;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paypulse silence add|list|expire} against the shared embedded broker's real
 * {@code payment-silences} topic, checked by a separate reader as a processor or the app would
 * read it. Other ITs may share the topic: assertions look only at this test's silences, and every
 * silence made here is removed afterwards so none leaks into another test's delivery.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SilenceCommandIT {

    private static final Pattern ADDED = Pattern.compile(
            "Added silence ([0-9a-f]{8}): rule payment-failure-rate, group Payment/failed, until (\\S+) \\((1h 59m|2h)\\)\\.");

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private final List<String> made = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @AfterEach
    void removeTheSilencesMadeHere() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (made.isEmpty()) {
            return;
        }
        try (TopicSilences view = new TopicSilences().start(client());
             SilenceWriter writer = new SilenceWriter(client(), view, Clock.systemUTC(), Duration.ofSeconds(20))) {
            assertThat(view.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            made.forEach(writer::forget);
        }
    }

    @Test
    void aSilenceAddedFromTheCommandLineStopsDeliveryForAnotherReaderUntilItIsExpired() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        assertThat(run("silence", "add", "--bootstrap", bootstrap, "--rule", "payment-failure-rate", "--group",
                "Payment/failed", "--for", "2h", "--comment", "gateway maintenance", "--by", "ana"))
                .as(err.toString()).isZero();
        Matcher added = ADDED.matcher(out.toString().strip());
        assertThat(added.matches()).as(out.toString()).isTrue();
        String id = added.group(1);
        made.add(id);
        Instant endsAt = Instant.parse(added.group(2));
        assertThat(Duration.between(Instant.now(), endsAt)).isBetween(Duration.ofMinutes(119), Duration.ofHours(2));

        // What a processor or the app sees: a reader of its own, started after the silence was added.
        TopicSilences processor = new TopicSilences().start(client());
        open.add(processor);
        assertThat(processor.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        Alert outage = alert("payment-failure-rate", "Payment/failed");
        assertThat(processor.silenced(outage, Instant.now())).isTrue();
        assertThat(processor.silenced(alert("payment-failure-rate", "Refund/failed"), Instant.now())).isFalse();
        assertThat(processor.silenced(alert("payment-failure-rate-critical", "Payment/failed"), Instant.now())).isFalse();

        assertThat(run("silence", "list", "--bootstrap", bootstrap)).as(err.toString()).isZero();
        assertThat(out.toString().lines()).first().asString().matches("ID +STATE +RULE +GROUP +ENDS +LEFT +BY +COMMENT");
        assertThat(out.toString().lines().filter(l -> l.startsWith(id)))
                .singleElement().asString()
                .matches(id + " +active +payment-failure-rate +Payment/failed +" + Pattern.quote(endsAt.truncatedTo(ChronoUnit.SECONDS).toString())
                        + " +(1h 59m|2h) +ana +gateway maintenance");

        assertThat(run("silence", "list", "--bootstrap", bootstrap, "--format", "json")).isZero();
        JsonNode mine = find(Json.MAPPER.readTree(out.toString()), id);
        assertThat(mine.get("state").asText()).isEqualTo("active");
        assertThat(mine.get("comment").asText()).isEqualTo("gateway maintenance");
        assertThat(mine.get("endsAt").asText()).isEqualTo(endsAt.toString());

        assertThat(run("silence", "expire", "--bootstrap", bootstrap, id)).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Expired silence " + id + " (rule payment-failure-rate, group "
                + "Payment/failed).");
        Awaitility.await("the running reader sees the silence end").atMost(Duration.ofSeconds(20))
                .until(() -> !processor.silenced(outage, Instant.now()));

        assertThat(run("silence", "list", "--bootstrap", bootstrap)).isZero();
        assertThat(out.toString()).doesNotContain(id);
        assertThat(run("silence", "list", "--bootstrap", bootstrap, "--all")).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith(id))).singleElement().asString()
                .containsPattern(" +ended +payment-failure-rate ").contains("gateway maintenance");

        assertThat(run("silence", "expire", "--bootstrap", bootstrap, id)).isZero();
        assertThat(out.toString()).startsWith("Silence " + id + " had already ended at ");
    }

    @Test
    void everyRuleAndGroupIsTheDefaultAndTheTopicIsCompacted() throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        assertThat(run("silence", "add", "--bootstrap", bootstrap, "--rule", "*", "--for", "15m")).as(err.toString())
                .isZero();
        Matcher m = Pattern.compile("Added silence ([0-9a-f]{8}): rule \\*, group \\*, until \\S+ \\((14m|15m)\\)\\.")
                .matcher(out.toString().strip());
        assertThat(m.matches()).as(out.toString()).isTrue();
        made.add(m.group(1));
        try (TopicSilences reader = new TopicSilences().start(client())) {
            assertThat(reader.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            Silence s = reader.find(m.group(1)).orElseThrow();
            assertThat(s.createdBy()).isEqualTo(System.getProperty("user.name"));
            assertThat(reader.silenced(alert("card-testing", "u-77"), Instant.now())).isTrue();
        }
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(TopicSetup.cleanupPolicy(admin, Topics.SILENCES, Duration.ofSeconds(30))).isEqualTo("compact");
        }
    }

    @Test
    void expiringAnIdNobodyMadeIsBadUsage() {
        assertThat(run("silence", "expire", "--bootstrap", SharedBroker.bootstrapServers(), "nosuchid")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("paypulse: No silence has the id 'nosuchid'; 'paypulse silence list --all' shows them.");
    }

    @Test
    void anUnreachableClusterIsOneSentenceAndExitCodeOne() {
        int closed = PortProbe.freePort("127.0.0.1");
        assertThat(run("silence", "list", "--bootstrap", "localhost:" + closed, "--timeout", "3")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Kafka at localhost:" + closed
                + " did not answer within 3 s; check --bootstrap and that the cluster is running.");
        assertThat(out.toString()).isEmpty();
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no silence " + id + " in " + array);
    }

    private static Properties client() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        return p;
    }

    private static Alert alert(String rule, String group) {
        Instant w = Instant.parse("2026-12-03T10:00:00Z");
        return new Alert(Alert.idOf(rule, group, w), rule, Severity.CRITICAL, group, w, w.plusSeconds(60), 50, 40,
                rule + " fired", AlertState.FIRING, 1, w, w.plusSeconds(60));
    }
}

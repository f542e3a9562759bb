package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.event.serde.Json;
import io.paypulse.testing.RawEvents;
import io.paypulse.sink.ParsedRows;
import io.paypulse.testing.SharedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paypulse events} in-process against the shared broker: the CSV is the parsed CSV's header and
 * rows (CRLF), JSON is one object per line with the same names, --mask hides user ids and IPs, and the
 * summary goes to stderr so stdout stays a clean CSV.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventsCommandIT {

    private static final String TOPIC = "events-cli-" + System.nanoTime();
    private static Instant base;

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    /** 20 events a second apart: even ones failed payments of user_000042, odd ones ok payments of user_000043. */
    @BeforeAll
    static void fill() {
        SharedBroker.createTopics(Map.of(TOPIC, 2));
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        try (RawEvents raw = new RawEvents(TOPIC)) {
            for (int i = 0; i < 20; i++) {
                Instant t = base.plusSeconds(i);
                boolean failed = i % 2 == 0;
                raw.send(i, t, t, false, failed, RawEvents.order(i), 100_00 + i, RawEvents.user(failed ? 42 : 43),
                        RawEvents.reference(false, i), "=HYPERLINK(\"x\")", RawEvents.ip(i));
            }
            raw.flush();
        }
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("events", "--bootstrap", SharedBroker.bootstrapServers(),
                "--topic", TOPIC, "--data-dir", dir.toString()));
        all.addAll(List.of(args));
        return Main.execute(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString()), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void csvIsTheParsedCsvHeaderAndRowsOfTheFilteredWindow() {
        assertThat(run("--from", base.toString(), "--to", base.plusSeconds(10).toString(), "--user", "42",
                "--failed")).as(err.toString()).isZero();
        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo(ParsedRows.headerLine().strip());
        assertThat(lines).hasSize(1 + 5 + 1); // header, events 0 2 4 6 8, and the empty rest after the last CRLF
        assertThat(lines[lines.length - 1]).isEmpty();
        String first = Arrays.stream(lines).filter(l -> l.contains(RawEvents.order(0))).findFirst().orElseThrow();
        assertThat(first).startsWith(base + ",ERROR,Payment,true," + RawEvents.order(0) + ",100.00,user_000042,")
                .as("a reason that looks like a formula is defused").contains(",\"'=HYPERLINK(\"\"x\"\")\",");
        assertThat(err.toString().strip()).isEqualTo("5 events of 20 records read."); // all 20 lie within the 2 min lateness
    }

    @Test
    void jsonIsOneObjectPerLineAndMaskHidesUsersAndAddresses() throws Exception {
        assertThat(run("--from", base.toString(), "--to", base.plusSeconds(20).toString(), "--ok", "--format",
                "json", "--mask")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(10);
        JsonNode first = Json.MAPPER.readTree(lines.stream().filter(l -> l.contains(RawEvents.order(1))).findFirst()
                .orElseThrow()); // rows come partition by partition: find event 1
        assertThat(first.get("is_failed").asBoolean()).isFalse();
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("100.01");
        assertThat(first.get("user_id").asText()).matches("user#[0-9a-f]{8}");
        assertThat(first.get("ip_address").asText()).matches("ip#[0-9a-f]{8}");
        assertThat(out.toString()).doesNotContain("user_000043").doesNotContain("203.0.");
        assertThat(lines).extracting(l -> Json.MAPPER.readTree(l).get("user_id").asText())
                .as("the same user, the same tag").containsOnly(first.get("user_id").asText());
    }

    @Test
    void aMissingTopicIsOneSentence() {
        out = new StringWriter();
        err = new StringWriter();
        int code = Main.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), "events",
                "--bootstrap", SharedBroker.bootstrapServers(), "--topic", "no-such-topic-" + System.nanoTime(),
                "--from", "now-5m", "--to", "now", "--timeout", "5", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("paypulse: Topic no-such-topic-")
                .endsWith("does not exist on Kafka at " + SharedBroker.bootstrapServers()
                        + "; start the pipeline (or the generator) first.");
    }
}

package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.broker.PortProbe;
import io.paypulse.notify.Silence;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code paypulse silence ...} mistakes a user makes, caught before any cluster is contacted: one
 * sentence naming the option and what is allowed, exit code 2. (A port nobody listens on stands in
 * for the cluster, so reaching it would be a different failure, exit code 1.)
 */
class SilenceCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String nobody;

    @BeforeEach
    void closedPort() {
        nobody = "127.0.0.1:" + PortProbe.freePort("127.0.0.1");
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        all[args.length + 2] = "--bootstrap";
        all[args.length + 3] = nobody;
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void theCommandListNamesSilenceWithAWholeSentenceAndEachSubcommandHasHelp() {
        assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "--help")).isZero();
        assertThat(out.toString()).containsPattern(
                "(?m)^  silence +Adds, lists or expires silences, which hold back alert delivery\\.$");
        StringWriter group = new StringWriter();
        assertThat(Main.execute(new PrintWriter(group, true), new PrintWriter(err, true), "silence", "--help")).isZero();
        assertThat(group.toString())
                .containsPattern("(?m)^  add +Stops delivering the alerts of one rule \\(or every rule\\) for a while\\.$")
                .containsPattern("(?m)^  list +Prints the active and pending silences, soonest ending first\\.$")
                .containsPattern("(?m)^  expire +Ends a silence now; the alerts it matched are delivered again\\.$");
        for (String sub : List.of("add", "list", "expire")) {
            StringWriter help = new StringWriter();
            assertThat(Main.execute(new PrintWriter(help, true), new PrintWriter(err, true), "silence", sub, "--help"))
                    .isZero();
            assertThat(help.toString()).startsWith("Usage: paypulse silence " + sub).contains("--bootstrap")
                    .contains("--client-config").contains("--set").contains("--timeout");
        }
    }

    @Test
    void aRuleThatIsNotInTheRulesFileIsRefusedWithTheNamesThatAre() {
        assertThat(run("silence", "add", "--rule", "payment-failure-rat", "--for", "2h")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("paypulse: Unknown rule 'payment-failure-rat' for --rule: give * "
                + "or one of payment-failure-rate, ").endsWith(" (the shipped rules).");
        assertThat(err.toString()).contains("payment-failure-rate-critical").doesNotContain("Exception");
    }

    @Test
    void theRulesOfTheGivenRulesFileAreTheOnesAllowed() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: big-refunds
                    kind: threshold
                    severity: WARNING
                    metric: sum
                    type: refund
                    threshold: 1000
                """);
        assertThat(run("silence", "add", "--rules", rules.toString(), "--rule", "payment-failure-rate", "--for", "2h"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Unknown rule 'payment-failure-rate' for --rule: give * "
                + "or one of big-refunds (the rules of " + rules + ").");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--for|2w|paypulse: Invalid value '2w' for --for: a whole number of minutes, hours or days such as 15m, 2h or 1d,"
                + " at most 30 days.",
        "--for|31d|paypulse: Invalid value '31d' for --for: more than 0 and at most 30 days.",
        "--for|0m|paypulse: Invalid value '0m' for --for: more than 0 and at most 30 days.",
        "--until|tomorrow|paypulse: Invalid value 'tomorrow' for --until: an ISO-8601 time with a zone such as ",
        "--until|2020-01-01T00:00:00Z|paypulse: Invalid value '2020-01-01T00:00:00Z' for --until: a time after now (",
    })
    void aBadTimeBoxNamesTheOptionAndTheAllowedForms(String option, String value, String sentence) {
        assertThat(run("silence", "add", "--rule", Silence.ANY, option, value)).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith(sentence);
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void anUntilMoreThanThirtyDaysAheadIsRefused() {
        String late = Instant.now().plus(Duration.ofDays(31)).toString();
        assertThat(run("silence", "add", "--rule", Silence.ANY, "--until", late)).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("paypulse: Invalid value '" + late + "' for --until: a time after now")
                .endsWith("and at most 30 days ahead.");
    }

    @Test
    void aTimeBoxIsRequiredAndOnlyOne() {
        assertThat(run("silence", "add", "--rule", Silence.ANY)).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required argument").contains("--for=LENGTH").contains("--until=TIME");
        assertThat(run("silence", "add", "--rule", Silence.ANY, "--for", "2h", "--until", "2030-01-01T00:00:00Z"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anUnknownListFormatIsRefused() {
        assertThat(run("silence", "list", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value 'xml' for --format: table or json.");
    }

    @Test
    void theSilenceCommandsNeedAClusterAndSaySo() {
        StringWriter e = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true),
                "silence", "list", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(e.toString()).startsWith("paypulse: This command needs a Kafka cluster: give --bootstrap HOST:PORT");
    }

    @Test
    void theListIsAnAlignedTableSoonestEndingFirst() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        List<Silence> silences = List.of(
                new Silence("0a1b2c3d", "payment-failure-rate", "*", now.minusSeconds(600), now.plusSeconds(2700),
                        "gateway maintenance", "ana"),
                new Silence("ffee0011", "*", "u-1234", now.plusSeconds(3600), now.plus(Duration.ofDays(2)), "", "cli"),
                new Silence("12345678", "card-testing", "*", now.minusSeconds(7200), now.minusSeconds(60), "done", "bo"));
        assertThat(SilenceListCommand.table(silences, now)).containsExactly(
                "ID        STATE    RULE                  GROUP   ENDS                  LEFT          BY   COMMENT",
                "0a1b2c3d  active   payment-failure-rate  *       2026-12-03T10:45:00Z  45m           ana  gateway maintenance",
                "ffee0011  pending  *                     u-1234  2026-12-05T10:00:00Z  starts in 1h  cli",
                "12345678  ended    card-testing          *       2026-12-03T09:59:00Z  -             bo   done");
    }

    @Test
    void theJsonListHasTheStateOfEachSilence() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        String json = SilenceListCommand.json(List.of(new Silence("0a1b2c3d", "payment-failure-rate", "*",
                now.minusSeconds(600), now.plusSeconds(2700), "gateway \"maintenance\"", "ana")), now);
        assertThat(json.replaceAll("\\s+", " ")).isEqualTo("[ { \"id\" : \"0a1b2c3d\", \"rule\" : \"payment-failure-rate\","
                + " \"group\" : \"*\", \"startsAt\" : \"2026-12-03T09:50:00Z\", \"endsAt\" : \"2026-12-03T10:45:00Z\","
                + " \"state\" : \"active\", \"comment\" : \"gateway \\\"maintenance\\\"\", \"createdBy\" : \"ana\" } ]");
    }
}

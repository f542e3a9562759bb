package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad options of {@code paypulse events}: one sentence naming the option and what it takes, exit code 2, before any connection. */
class EventsCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--from=yesterday --to=now | paypulse: Invalid value 'yesterday' for --from: an ISO-8601 time such as 2026-12-03T10:41:00Z or 2026-12-03T10:41+01:00, a local time such as 2026-12-03T10:41 (read in UTC), or a time back from now such as now-15m or 15m (s, m, h, d).",
        "--from=2026-12-03T10:41 --to=2026-12-03T10:99 | paypulse: Invalid value '2026-12-03T10:99' for --to: an ISO-8601 time such as 2026-12-03T10:41:00Z or 2026-12-03T10:41+01:00, a local time such as 2026-12-03T10:41 (read in UTC), or a time back from now such as now-15m or 15m (s, m, h, d).",
        "--from=now-1h | paypulse: Give the window with --from TIME and --to TIME (e.g. --from 2026-12-03T10:41 --to 2026-12-03T10:42), or --follow for a live tail.",
        "--from=now --to=now-1h | paypulse: --from (NOW) must be before --to (",
        "--from=now-1h --to=now --min-amount=ten | paypulse: Invalid value 'ten' for --min-amount: an amount in dollars such as 100 or 99.50.",
        "--from=now-1h --to=now --type=chargeback | paypulse: Invalid value 'chargeback' for --type: payment or refund.",
        "--from=now-1h --to=now --format=xml | paypulse: Invalid value 'xml' for --format: csv or json.",
        "--from=now-1h --to=now --failed --ok | paypulse: Give --failed or --ok, not both.",
        "--from=now-1h --to=now --zone=Mars/Base | paypulse: Invalid value 'Mars/Base' for --zone: a time zone id such as UTC, Europe/Paris or +01:00.",
    })
    void aBadOptionIsOneSentenceNamingIt(String args, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("events", "--bootstrap", "127.0.0.1:1", "--data-dir", dir.toString()));
        if (!args.contains("--zone")) {
            all.addAll(List.of("--zone", "UTC"));
        }
        all.addAll(List.of(args.strip().split(" ")));
        int code = Main.execute(Map.of("XDG_CONFIG_HOME", dir.resolve("cfg").toString()), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
        assertThat(code).isEqualTo(2);
        String message = err.toString().strip();
        assertThat(message).doesNotContain("\n");
        if (expected.contains("(NOW)")) {
            assertThat(message).startsWith("paypulse: --from (").contains(") must be before --to (");
        } else {
            assertThat(message).isEqualTo(expected);
        }
        assertThat(out.toString()).isEmpty();
    }
}

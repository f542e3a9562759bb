package io.paypulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.event.serde.Json;
import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceState;
import io.paypulse.notify.Silences;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the active and pending silences, soonest ending first.",
            "--all adds the ended ones; --format json prints them for scripts.",
            "Example: paypulse silence list --bootstrap localhost:9092"})
final class SilenceListCommand implements Callable<Integer> {

    private static final List<String> HEADER = List.of("ID", "STATE", "RULE", "GROUP", "ENDS", "LEFT", "BY", "COMMENT");

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Option(names = "--all", description = "Also the silences that have ended.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (an array with id, rule, group, startsAt, endsAt, state, comment, "
                    + "createdBy).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw ConfigException.invalid("--format", format, "table or json");
        }
        PayPulseConfig config = common.load();
        Instant now = Clock.systemUTC().instant();
        List<Silence> shown;
        try (SilenceTopic topic = SilenceTopic.open(config, cluster)) {
            shown = topic.silences().all().stream()
                    .filter(s -> all || SilenceState.of(s, now) != SilenceState.ENDED).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(json(shown, now));
        } else if (shown.isEmpty()) {
            out.println(all ? "No silences." : "No active or pending silences (--all shows the ended ones).");
        } else {
            table(shown, now).forEach(out::println);
        }
        return 0;
    }

    static String json(List<Silence> silences, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Silence s : silences) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("rule", s.rule());
            row.put("group", s.group());
            row.put("startsAt", s.startsAt().toString());
            row.put("endsAt", s.endsAt().toString());
            row.put("state", SilenceState.of(s, now).word());
            row.put("comment", s.comment());
            row.put("createdBy", s.createdBy());
            rows.add(row);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Aligned columns; the comment, last, is not padded. */
    static List<String> table(List<Silence> silences, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Silence s : silences) {
            SilenceState state = SilenceState.of(s, now);
            String left = switch (state) {
                case ACTIVE -> Silences.formatLength(Duration.between(now, s.endsAt()));
                case PENDING -> "starts in " + Silences.formatLength(Duration.between(now, s.startsAt()));
                case ENDED -> "-";
            };
            rows.add(List.of(s.id(), state.word(), s.rule(), s.group(),
                    s.endsAt().truncatedTo(ChronoUnit.SECONDS).toString(), left, s.createdBy(), s.comment()));
        }
        int[] widths = new int[HEADER.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                line.append(i == r.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}

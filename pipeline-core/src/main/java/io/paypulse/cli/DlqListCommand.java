package io.paypulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.DlqFilter;
import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.DlqSummary;
import io.paypulse.dlq.SafeText;
import io.paypulse.event.serde.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the dead letters of payment-dlq: counts per category and per minute, then the newest records.",
            "Example: paypulse dlq list --bootstrap localhost:9092 --since 1h --reason schema"})
final class DlqListCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only dead letters written since TIME: ISO-8601 (2026-12-03T10:41:00Z) or back from now (15m, 6h, 7d).")
    String since;

    @Option(names = "--reason", paramLabel = "CATEGORY",
            description = "Only records of this category: unparseable, schema, late, registry or other (the counts show all).")
    String reason;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Records printed, newest; the counts cover all. Default ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (counts and records, for scripts).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        if (!format.equals("table") && !format.equals("json")) {
            throw ConfigException.invalid("--format", format, "table or json");
        }
        if (limit < 0) {
            throw ConfigException.invalid("--limit", String.valueOf(limit), "0 or more");
        }
        DlqFilter filter = new DlqFilter(DlqAccess.since(since, Clock.systemUTC()),
                reason == null ? null : DeadLetterCategory.parse("--reason", reason));
        DlqSummary summary;
        try (DeadLetterQueue dlq = DlqAccess.reader(config, cluster)) {
            summary = dlq.summary(filter, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(json(summary));
        } else {
            table(summary).forEach(out::println);
        }
        return 0;
    }

    static List<String> table(DlqSummary s) {
        List<String> lines = new ArrayList<>();
        String range = s.filter().since() == null ? "" : " since " + s.filter().since().truncatedTo(ChronoUnit.SECONDS);
        if (s.total() == 0) {
            lines.add("No dead letters" + range + ".");
            return lines;
        }
        StringBuilder head = new StringBuilder("Dead letters" + range + ": " + s.total() + " (");
        s.byCategory().forEach((c, n) -> head.append(c == DeadLetterCategory.UNPARSEABLE ? "" : ", ")
                .append(c.word()).append(' ').append(n));
        lines.add(head.append(')').toString());
        lines.add("");
        List<List<String>> minutes = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("MINUTE (UTC)"));
        for (DeadLetterCategory c : DeadLetterCategory.values()) {
            header.add(c.word().toUpperCase(Locale.ROOT));
        }
        minutes.add(header);
        s.byMinute().forEach((m, counts) -> {
            List<String> row = new ArrayList<>(List.of(m.toString()));
            for (DeadLetterCategory c : DeadLetterCategory.values()) {
                row.add(String.valueOf(counts.getOrDefault(c, 0L)));
            }
            minutes.add(row);
        });
        lines.addAll(Columns.align(minutes));
        lines.add("");
        if (s.matching() == 0) {
            lines.add("No dead letters of category " + s.filter().category().word() + range + ".");
            return lines;
        }
        List<DlqRecord> shown = s.records();
        if (shown.size() < s.matching()) {
            lines.add("Newest " + shown.size() + " of " + s.matching() + " (--limit):");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DEAD LETTER", "TIME", "CATEGORY", "ORIGIN", "BYTES", "REASON"));
        for (DlqRecord r : shown) {
            rows.add(List.of(r.position(), r.timestamp().truncatedTo(ChronoUnit.SECONDS).toString(), r.category().word(),
                    origin(r), String.valueOf(r.letter().valueLength()), SafeText.line(r.letter().reason(), 160)));
        }
        lines.addAll(Columns.align(rows));
        return lines;
    }

    static String origin(DlqRecord r) {
        return r.letter().topic() + "/" + r.letter().partition() + "/" + r.letter().offset();
    }

    static String json(DlqSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("since", s.filter().since() == null ? null : s.filter().since().toString());
        root.put("category", s.filter().category() == null ? null : s.filter().category().word());
        root.put("total", s.total());
        Map<String, Long> byCategory = new LinkedHashMap<>();
        s.byCategory().forEach((c, n) -> byCategory.put(c.word(), n));
        root.put("byCategory", byCategory);
        List<Map<String, Object>> minutes = new ArrayList<>();
        s.byMinute().forEach((m, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("minute", m.toString());
            counts.forEach((c, n) -> row.put(c.word(), n));
            minutes.add(row);
        });
        root.put("byMinute", minutes);
        root.put("matching", s.matching());
        List<Map<String, Object>> records = new ArrayList<>();
        for (DlqRecord r : s.records()) {
            records.add(record(r));
        }
        root.put("records", records);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dead letter for scripts; the value itself only as its kept base64 (exact bytes) and a safe preview. */
    static Map<String, Object> record(DlqRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("deadLetter", r.position());
        row.put("partition", r.partition());
        row.put("offset", r.offset());
        row.put("time", r.timestamp().toString());
        row.put("category", r.category().word());
        row.put("reason", r.letter().reason());
        row.put("originTopic", r.letter().topic());
        row.put("originPartition", r.letter().partition());
        row.put("originOffset", r.letter().offset());
        row.put("key", r.letter().key());
        row.put("valueLength", r.letter().valueLength());
        row.put("valueSha256", r.letter().valueSha256());
        row.put("truncated", r.letter().truncated());
        row.put("preview", r.letter().valuePreview());
        row.put("redriveOf", r.redriveOf());
        String why = r.whyNotRedrivable();
        row.put("redrivable", why == null);
        row.put("notRedrivableBecause", why);
        return row;
    }
}

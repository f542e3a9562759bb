package io.paypulse.cli;

import io.paypulse.config.PayPulseConfig;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.SafeText;
import io.paypulse.event.DeadLetter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints one dead letter in full: reason, category, origin, headers and the original value",
            "(text with control characters made visible, or hex for binary; long values cut).",
            "Example: paypulse dlq show 0/42 --bootstrap localhost:9092"})
final class DlqShowCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Parameters(paramLabel = "PARTITION/OFFSET", description = "The dead letter, as dlq list shows it (e.g. 0/42).")
    String position;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        long[] at = DlqAccess.position(position);
        DlqRecord r;
        try (DeadLetterQueue dlq = DlqAccess.reader(config, cluster)) {
            r = dlq.at((int) at[0], at[1]);
        }
        if (r == null) {
            spec.commandLine().getErr().println("paypulse: there is no dead letter " + position
                    + " in payment-dlq (paypulse dlq list shows the ones there are).");
            return Errors.FAILED;
        }
        PrintWriter out = spec.commandLine().getOut();
        lines(r).forEach(out::println);
        return 0;
    }

    static List<String> lines(DlqRecord r) {
        DeadLetter d = r.letter();
        List<String> lines = new ArrayList<>();
        lines.add("Dead letter  " + r.position() + " of payment-dlq, written " + r.timestamp());
        lines.add("Category     " + r.category().word());
        lines.add("Reason       " + SafeText.of(d.reason(), SafeText.MAX_CHARS));
        lines.add("Origin       " + DlqListCommand.origin(r)
                + (d.recordTimestamp() == null ? "" : ", record time " + d.recordTimestamp()));
        lines.add("Key          " + (d.key() == null ? "(none)" : SafeText.of(d.key(), 300)));
        if (r.redriveOf() != null) {
            lines.add("Re-drive of  " + SafeText.of(r.redriveOf(), 300));
        }
        String why = r.whyNotRedrivable();
        lines.add("Re-drivable  " + (why == null ? "yes, as " + r.identity() : "no: " + why));
        lines.add("Headers      " + (r.headers().isEmpty() ? "(none)" : ""));
        for (Map.Entry<String, String> h : r.headers()) {
            lines.add("  " + h.getKey() + ": " + h.getValue());
        }
        if (d.valueBase64() == null) {
            lines.add("Value        (null)");
            return lines;
        }
        byte[] kept = d.value();
        lines.add("Value        " + d.valueLength() + " bytes, sha256 " + d.valueSha256()
                + (d.truncated() ? "; the first " + kept.length + " kept" : ""));
        if (SafeText.isUtf8(kept)) {
            lines.add("Text:");
            lines.add(SafeText.of(new String(kept, StandardCharsets.UTF_8), SafeText.MAX_CHARS));
        }
        lines.add("Hex:");
        SafeText.hex(kept, SafeText.MAX_HEX_BYTES).lines().forEach(lines::add);
        return lines;
    }
}

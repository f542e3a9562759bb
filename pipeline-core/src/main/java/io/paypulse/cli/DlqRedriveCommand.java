package io.paypulse.cli;

import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.dlq.DeadLetterCategory;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.DlqFilter;
import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.RedrivePlan;
import io.paypulse.dlq.Redriver;
import io.paypulse.topic.Topics;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Sends dead letters' original records back to payment, each with the header",
            "paypulse-redrive-of: <topic>/<partition>/<offset>; the processor counts each at most once however often",
            "it is re-driven. A re-drive whose window has closed stays late and returns to the DLQ (docs/dead-letters.md).",
            "Without --yes it says how many it would re-drive and asks (and refuses when there is no terminal).",
            "Examples: paypulse dlq redrive --reason registry --yes",
            "          paypulse dlq redrive 0/41 0/42"})
final class DlqRedriveCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Option(names = "--all", description = "Every dead letter (since --since, if given).")
    boolean all;

    @Option(names = "--reason", paramLabel = "CATEGORY",
            description = "Every dead letter of this category: unparseable, schema, late, registry or other.")
    String reason;

    @Option(names = "--since", paramLabel = "TIME",
            description = "With --all or --reason: only dead letters written since TIME (ISO-8601, or 15m, 6h, 7d).")
    String since;

    @Option(names = "--yes", description = "Re-drive without asking.")
    boolean yes;

    @Parameters(paramLabel = "PARTITION/OFFSET", arity = "0..*", description = "Dead letters to re-drive, e.g. 0/42.")
    List<String> positions = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        int ways = (all ? 1 : 0) + (reason != null ? 1 : 0) + (positions.isEmpty() ? 0 : 1);
        if (ways != 1) {
            throw new ConfigException("Say which dead letters to re-drive: --all, --reason CATEGORY, or their "
                    + "PARTITION/OFFSET (one of the three).");
        }
        if (since != null && !positions.isEmpty()) {
            throw new ConfigException("--since goes with --all or --reason, not with named dead letters.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DeadLetterQueue dlq = DlqAccess.reader(config, cluster)) {
            RedrivePlan plan = positions.isEmpty()
                    ? RedrivePlan.matching(dlq, new DlqFilter(DlqAccess.since(since, Clock.systemUTC()),
                            reason == null ? null : DeadLetterCategory.parse("--reason", reason)))
                    : named(dlq, err);
            if (plan == null) {
                return Errors.FAILED;
            }
            if (plan.count() == 0) {
                out.println("Nothing to re-drive: " + (plan.skipped() == 0 ? "no dead letter matches."
                        : "none of the " + plan.skipped() + " matching dead letters can be re-driven."));
                printSkipped(plan, out);
                return 0;
            }
            if (!yes && !confirmed(plan.what(), out)) {
                if (System.console() == null) {
                    err.println("paypulse: refusing to re-drive " + plan.what() + " to " + Topics.RAW
                            + " without --yes: there is no terminal to ask on.");
                    return Errors.FAILED;
                }
                out.println("Nothing re-driven.");
                return 0;
            }
            int sent;
            try (Redriver redriver = DlqAccess.redriver(config, cluster)) {
                sent = plan.execute(dlq, redriver);
            }
            out.println("Re-drove " + sent + (sent == 1 ? " dead letter" : " dead letters") + " to " + Topics.RAW
                    + " (header paypulse-redrive-of; each is counted at most once).");
            printSkipped(plan, out);
            return 0;
        }
    }

    /** Asks on the terminal; false without one. */
    private static boolean confirmed(String what, PrintWriter out) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        out.flush();
        String answer = console.readLine("Re-drive %s to %s? [y/N] ", what, Topics.RAW);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    /** The named dead letters, or null (after one sentence each) when one is missing or cannot be re-driven. */
    private RedrivePlan named(DeadLetterQueue dlq, PrintWriter err) {
        List<DlqRecord> found = new ArrayList<>();
        boolean refused = false;
        for (String p : positions) {
            long[] at = DlqAccess.position(p);
            DlqRecord r = dlq.at((int) at[0], at[1]);
            if (r == null) {
                err.println("paypulse: there is no dead letter " + p + " in payment-dlq.");
                refused = true;
            } else if (r.whyNotRedrivable() != null) {
                err.println("paypulse: " + r.whyNotRedrivable());
                refused = true;
            } else {
                found.add(r);
            }
        }
        if (refused) {
            err.println("paypulse: nothing re-driven.");
            return null;
        }
        return RedrivePlan.of(found);
    }

    private static void printSkipped(RedrivePlan plan, PrintWriter out) {
        if (plan.skipped() == 0) {
            return;
        }
        out.println("Skipped " + plan.skipped() + " that cannot be re-driven:");
        plan.skippedBecause().forEach((why, n) -> out.println("  " + n + " x " + why));
    }
}

package io.paypulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code paypulse dlq list|show|redrive}: the dead letters of {@code payment-dlq} grouped by category,
 * one of them in full, and re-driving their original records back to {@code payment}
 * (docs/dead-letters.md).
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Lists, shows and re-drives the dead letters of payment-dlq.",
            "Categories: unparseable, schema, late, registry, other. A re-driven record carries the header",
            "paypulse-redrive-of and the processor counts it at most once, however often it is re-driven."},
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRedriveCommand.class})
final class DlqCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

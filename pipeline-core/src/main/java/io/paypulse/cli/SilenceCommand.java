package io.paypulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code paypulse silence add|list|expire}: time-boxed silences in the compacted
 * {@code payment-silences} topic, which the app and every processor read, so a silence added here
 * stops delivery everywhere (alerts are still recorded and shown).
 */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = {"Adds, lists or expires silences, which hold back alert delivery.",
            "Alerts a silence matches are still recorded and shown, only not delivered.",
            "Silences live in the compacted topic payment-silences, shared by the app and every processor."},
        subcommands = {SilenceAddCommand.class, SilenceListCommand.class, SilenceExpireCommand.class})
final class SilenceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package io.paypulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless PayPulse command line: {@code java -jar pipeline-core/target/paypulse.jar --help}.
 */
@Command(name = "paypulse", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Real-time payment log pipeline: embedded Kafka, generator, processor, CSV outputs and alerts.",
        subcommands = {RunCommand.class, GenerateCommand.class, ProcessCommand.class, BrokerCommand.class,
                TopicsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to the given streams; returns the exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new Errors());
        cmd.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("paypulse: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return Errors.BAD_CONFIG;
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

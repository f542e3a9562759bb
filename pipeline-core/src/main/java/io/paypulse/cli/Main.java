package io.paypulse.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless PayPulse command line: {@code java -jar pipeline-core/target/paypulse.jar --help}.
 */
@Command(name = "paypulse", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Real-time payment log pipeline: embedded Kafka, generator, processor, CSV outputs and alerts.",
        subcommands = {RunCommand.class, GenerateCommand.class, ProcessCommand.class, BrokerCommand.class,
                TopicsCommand.class, SilenceCommand.class, DlqCommand.class, EventsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    private Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing to the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(System.getenv(), out, err, args);
    }

    /** Runs a command line as if {@code env} were the process environment (tests: the PAYPULSE_* layer). */
    public static int execute(Map<String, String> env, PrintWriter out, PrintWriter err,
                              String... args) {
        CommandLine cmd = commandLine(env);
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

    /** The command tree, for running and for tests that read its options. */
    static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new Main(env));
    }

    /** The environment the command line runs with (see {@link #execute(java.util.Map, java.io.PrintWriter, java.io.PrintWriter, String...)}). */
    static Map<String, String> environment(CommandLine.Model.CommandSpec command) {
        return ((Main) command.root().userObject()).env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package io.shmlane.cli;

import io.shmlane.ChannelException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shmlane} command line: {@code producer}, {@code consumer}, {@code inspect} and {@code demo}. */
@Command(
        name = "shmlane",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Messaging between two JVMs on one machine through a memory-mapped file.",
        subcommands = {
            ProducerCommand.class,
            ConsumerCommand.class,
            InspectCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success      2  usage error          3  not a usable channel file",
            "  4  role taken   5  producer died        6  verification failed",
            "  7  bad path     1  internal error       130/143  stopped by SIGINT/SIGTERM"
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command: use producer, consumer, inspect or demo");
    }

    /**
     * The {@code shmlane} command: runs {@link #execute} and exits the JVM with its exit code.
     *
     * @param args the command and its options, as typed
     */
    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line in this JVM without exiting it (for tests and embedding).
     *
     * @param args the command and its options, as typed
     * @return the exit code: 0 on success, else the code of the documented failure (see the README)
     */
    public static int execute(final String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(Main::onBadParameters);
        cli.setExecutionExceptionHandler(Main::onFailure);
        try {
            return cli.execute(args);
        } catch (InternalError fault) {
            // SIGBUS on a mapped page, raised asynchronously where the command could not translate it
            System.err.println("shmlane: the channel file was truncated while mapped (a mapped-memory access"
                    + " failed): the channel is unusable; stop both sides and delete it");
            return ExitCodes.BAD_CHANNEL;
        }
    }

    private static int onBadParameters(final CommandLine.ParameterException e, final String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(
                "shmlane: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int onFailure(final Exception e, final CommandLine cmd, final CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose")
                || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose"));
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof ChannelException) {
            err.println("shmlane: " + Hints.message((ChannelException) e));
            code = ExitCodes.of((ChannelException) e);
        } else if (e instanceof IllegalArgumentException) {
            err.println("shmlane: " + e.getMessage());
            code = ExitCodes.USAGE;
        } else {
            err.println("shmlane: unexpected error: " + e + (verbose ? "" : " (rerun with --verbose for details)"));
            code = ExitCodes.INTERNAL;
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Version from the jar's manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"shmlane " + (version != null ? version : "(development build)")};
        }
    }
}

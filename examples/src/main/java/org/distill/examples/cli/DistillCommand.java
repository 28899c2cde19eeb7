package org.distill.examples.cli;

import java.nio.file.Path;

import java.nio.file.Files;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code distill} command: {@code distill discover FILE.csv --target COL} finds equations for
 * one column of a CSV file; {@code distill help}, {@code distill --version}.
 *
 * <p>Exit status: 0 on success, 1 for a problem with the data or a file (missing, unreadable, not
 * numeric, ...), 2 for a problem with the command line (unknown option, column or operator, bad
 * number, refusing to overwrite a file). Errors are one line on standard error, starting with
 * {@code distill: error: }.
 *
 * <p>{@link #main} is the only place that calls {@link System#exit}; tests run
 * {@code DistillCommand.commandLine().execute(args)} in-process.
 */
@Command(name = "distill",
        mixinStandardHelpOptions = true,
        versionProvider = DistillCommand.Version.class,
        resourceBundle = "org.distill.examples.cli.OptionHelp",
        description = "Discovers closed-form equations in data (symbolic regression).",
        subcommands = {DiscoverCommand.class, BenchCommand.class, ExampleCommand.class, CosmoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  distill discover examples/data/kepler.csv --target period",
                "  distill example newton-gn --law spring",
                "", "Exit status: 0 ok, 1 data or file error, 2 usage error."})
public final class DistillCommand implements Callable<Integer> {
    /** Prefix of every error line. */
    static final String ERROR = "distill: error: ";

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * A command line with the error handling of the real command: one {@code distill: error: } line
     * and exit status 2 for usage errors, the status of a {@link Failure} otherwise.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DistillCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(new OptionDefaults());
        cl.setParameterExceptionHandler(DistillCommand::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
        return cl;
    }

    /** {@code distill} with no subcommand: the usage, on standard error, and status 2. */
    @Override public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.flush();
        return 2;
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String name = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = e.getMessage().strip().replace('\n', ' ');
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println(ERROR + message + " (see '" + name + " --help')");
        err.flush();
        return 2;
    }

    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof Failure f) {
            err.println(ERROR + f.getMessage());
            err.flush();
            return f.exitCode;
        }
        // a bug, not bad input: say so, with the stack trace for the report
        err.println(ERROR + "internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** An error to report in one line, with its exit status. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        private Failure(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        /** A problem with the command line: exit status 2. */
        static Failure usage(String message) { return new Failure(message, 2); }

        /**
         * A usage error from a settings builder's message, with the builder's names of settings replaced by the options
         * that set them: {@code renames} are pairs of setting and option ({@code "epochs", "--epochs"}), and
         * {@code "epochs must be in [1, 100000]: 0"} becomes {@code "--epochs must be in [1, 100000]: 0"}.
         */
        static Failure usage(IllegalArgumentException e, String... renames) {
            String m = e.getMessage();
            for (int i = 0; i + 1 < renames.length; i += 2) {
                if (m.startsWith(renames[i] + " ")) m = renames[i + 1] + m.substring(renames[i].length());
                else m = m.replace(" " + renames[i] + " must", " " + renames[i + 1] + " must");
            }
            return usage(m);
        }

        /** A problem with the data or a file: exit status 1. */
        static Failure data(String message) { return new Failure(message, 1); }

        /**
         * Checks an output file named by {@code option} before a run: not a directory, in a folder that exists, and
         * not already there unless {@code overwrite}; a usage failure otherwise. Nothing to check when null.
         */
        static void checkOutput(String option, Path path, boolean overwrite) {
            if (path == null) return;
            if (Files.isDirectory(path)) throw usage(option + " " + path + " is a directory");
            if (Files.exists(path) && !overwrite) throw usage(option + " " + path + " exists; use --force to overwrite it");
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir))
                throw usage(option + " " + path + ": the directory " + dir + " does not exist");
        }
    }

    /** The version from the jar's manifest ("dev" when run from classes). */
    static final class Version implements IVersionProvider {
        @Override public String[] getVersion() {
            String v = DistillCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "distill " + (v == null ? "dev" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}

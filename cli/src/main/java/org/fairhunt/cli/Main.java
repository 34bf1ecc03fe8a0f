package org.fairhunt.cli;

import java.io.PrintWriter;
import org.fairhunt.core.UserInputException;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
    /** Exit status for a user mistake (bad option, bad file). */
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests, which must not call System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with Fairhunt's error handling. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new FairhuntCommand()));
    }

    /**
     * Fairhunt's option parsing and error handling on any command line (the Spark engine's too): a user
     * mistake is one line and exit status {@value #EXIT_USAGE}, anything else an internal error (70).
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("fairhunt: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable cause = ex;
            while (!(cause instanceof UserInputException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof UserInputException) {
                err.println("fairhunt: error: " + cause.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                err.println("fairhunt: error: " + ex.getMessage());
                return EXIT_USAGE;
            }
            err.println("fairhunt: internal error (please report it with the command you ran):");
            ex.printStackTrace(err);
            return 70;
        });
        return cl;
    }
}

package org.fairhunt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.fairhunt.cli.bounty.BountyCommand;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.IoMessages;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
    /** Exit status for a user mistake (bad option, bad file). Policies use 0, 1 and 3. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the Java heap ran out: the input needs more memory than given (never 1, "policy failed"). */
    public static final int EXIT_OUT_OF_MEMORY = 4;
    /** Exit status for an output or database that could not be written (disk full, permission, damage): sysexits' EX_IOERR. */
    public static final int EXIT_STORAGE = 74;
    /** Exit status for a bug in Fairhunt: sysexits' EX_SOFTWARE. */
    public static final int EXIT_INTERNAL = 70;

    /** Written before any work so that reporting an exhausted heap needs no new allocation for the text. */
    private static final String OUT_OF_MEMORY = "fairhunt: error: out of memory (Java heap limit %s). Give Java more "
            + "memory (FAIRHUNT_JAVA_OPTS=-Xmx16g ./fairhunt ..., or java -Xmx16g -jar fairhunt.jar ...) or make the "
            + "input smaller (fewer rows, fewer values per group attribute: --max-levels, fewer --intersections).";

    /**
     * picocli's set-up without the two parts Fairhunt never uses, unless the user set these properties: Groovy closures
     * as annotation values (looking for {@code groovy.lang.Closure} searched the jar, reading its 14,000-entry index for
     * nothing) and the built-in converters of {@code java.time} and {@code java.sql} types, which no option has
     * ({@code LazyCommandLineTest} checks): registering them, on every command line built, initialized eighteen
     * {@code java.time} classes with their formatters and reflected over their methods.
     */
    static {
        defaultProperty("picocli.disable.closures", "true");
        defaultProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // Answered before picocli reflects over every command class: the start-up users time first.
            System.out.println(new Version().getVersion()[0]);
            System.exit(0);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests, which must not call System.exit). */
    public static int execute(String... args) {
        return execute(commandLine(args), args);
    }

    /** Runs {@code cl} (from {@link #commandLine()}) on {@code args}: an exhausted heap becomes a message and its own status. */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // The failed allocation is unwound by now, so a short message fits; no stack trace (it is no bug).
            cl.getErr().println(String.format(OUT_OF_MEMORY, heapLimit()));
            cl.getErr().flush();
            return EXIT_OUT_OF_MEMORY;
        }
    }

    /** Every subcommand answers {@code --version} as the top command does (picocli leaves them silent otherwise). */
    private static void giveVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new Version());
        for (CommandLine sub : cl.getSubcommands().values()) {
            giveVersion(sub);
        }
    }

    private static String heapLimit() {
        long max = Runtime.getRuntime().maxMemory();
        if (max == Long.MAX_VALUE) {
            return "unknown";
        }
        return max >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", max / (double) (1L << 30))
                : (max >> 20) + " MiB";
    }

    /** The configured command line with every subcommand, with Fairhunt's error handling. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when the first argument names a subcommand, only that
     * one is added, because picocli builds a command's model by reflecting over all its options and
     * mixins, and doing so for every command cost a short run more than its own work. Anything else
     * (no command, {@code --help}, a typo) gets them all, so help lists every command.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new FairhuntCommand());
        Class<?> named = named(FairhuntCommand.SUBCOMMANDS, args.length > 0 ? args[0] : "");
        for (Class<?> c : named != null ? List.<Class<?>>of(named) : FairhuntCommand.SUBCOMMANDS) {
            cl.addSubcommand(withSubcommands(c, named != null && args.length > 1 ? args[1] : ""));
        }
        return configure(cl);
    }

    /** Commands whose own subcommands are added here, likewise only the named one (the rest declare theirs). */
    private static final Map<Class<?>, List<Class<?>>> NESTED = Map.of(BountyCommand.class, BountyCommand.SUBCOMMANDS);

    private static Object withSubcommands(Class<?> command, String next) {
        List<Class<?>> nested = NESTED.get(command);
        if (nested == null) {
            return command;
        }
        CommandLine cl = new CommandLine(command);
        Class<?> named = named(nested, next);
        for (Class<?> c : named != null ? List.<Class<?>>of(named) : nested) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    private static Class<?> named(List<Class<?>> commands, String arg) {
        if (arg.startsWith("-")) {
            return null;
        }
        for (Class<?> c : commands) {
            CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
            if (a.name().equals(arg) || List.of(a.aliases()).contains(arg)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Fairhunt's option parsing and error handling on any command line (the Spark engine's too): a user
     * mistake is one line and exit status {@value #EXIT_USAGE}, anything else an internal error (70).
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        giveVersion(cl);
        cl.setParameterExceptionHandler(ERRORS);
        cl.setExecutionExceptionHandler(ERRORS);
        return cl;
    }

    private static final Errors ERRORS = new Errors();

    /**
     * Fairhunt's two error handlers. A class, not two lambdas: picocli's handler interfaces are Java 5 class files,
     * and a lambda implementing one makes the start-up archive's dump link it, which keeps the interfaces, picocli's
     * own default handlers and the lambdas out of the archive (loaded, parsed and verified from the jar on every
     * run, the jar's 14,000-entry index read for them).
     */
    private static final class Errors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("fairhunt: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return EXIT_USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            Throwable cause = ex;
            while (!(cause instanceof UserInputException) && !(cause instanceof StorageException)
                    && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof UserInputException) {
                err.println("fairhunt: error: " + cause.getMessage());
                return EXIT_USAGE;
            }
            if (cause instanceof StorageException) {
                err.println("fairhunt: error: " + cause.getMessage());
                return EXIT_STORAGE;
            }
            if (ex instanceof java.io.UncheckedIOException u) {
                err.println("fairhunt: error: " + IoMessages.describe(u.getCause()));
                return EXIT_USAGE;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("fairhunt: error: " + IoMessages.describe(io));
                return EXIT_USAGE;
            }
            err.println("fairhunt: internal error (please report it with the command you ran):");
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        }
    }
}

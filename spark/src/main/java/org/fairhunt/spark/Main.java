package org.fairhunt.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spark-submit --class org.fairhunt.spark.Main fairhunt-spark.jar COMMAND ...}: Fairhunt's commands
 * as Spark jobs, with the options, messages and exit statuses of the {@code fairhunt} command line. Without
 * a master (run with plain {@code java}), it runs on {@code local[*]}.
 */
@Command(name = "fairhunt-spark", mixinStandardHelpOptions = true,
        description = "Fairhunt on Apache Spark: the same audits, with identical numbers, on data that outgrow one machine.",
        subcommands = {SparkAuditCommand.class, SparkWerCommand.class, SparkSlicesCommand.class})
public final class Main implements Runnable {
    private static SparkSession session;

    public static void main(String[] args) {
        int status = execute(args);
        if (session != null) {
            session.stop();
        }
        System.exit(status);
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with the {@code fairhunt} command's error handling. */
    public static CommandLine commandLine() {
        return org.fairhunt.cli.Main.configure(new CommandLine(new Main()));
    }

    /** The session of spark-submit's configuration, or a {@code local[*]} one when no master is set. */
    static synchronized SparkSession session() {
        if (session == null) {
            SparkSession.Builder b = SparkSession.builder().appName("fairhunt");
            boolean local = !new SparkConf().contains("spark.master");
            if (local) {
                b.master("local[*]");
            }
            session = b.getOrCreate();
            if (local) {
                // Spark's INFO lines would bury the summary on a terminal; spark-submit users keep their log4j setup.
                session.sparkContext().setLogLevel("WARN");
            }
        }
        return session;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

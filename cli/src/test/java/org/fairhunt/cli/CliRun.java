package org.fairhunt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code fairhunt} command line in-process and captures its exit status and output. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        return of(Main.commandLine(), args);
    }

    /** Runs a prepared command line (for a test that adds a command of its own). */
    public static CliRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = Main.execute(cl, args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}

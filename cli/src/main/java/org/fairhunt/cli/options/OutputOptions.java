package org.fairhunt.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's result goes: the reports folder, and JSON on standard output instead of the summary. */
public final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the reports (JSON, Markdown, HTML) into DIR, each replaced atomically.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    /** The reports folder of {@code --out}, or {@code null}. */
    public Path out() {
        return out;
    }

    /** Whether {@code --json} asks for the JSON result on standard output. */
    public boolean json() {
        return json;
    }
}

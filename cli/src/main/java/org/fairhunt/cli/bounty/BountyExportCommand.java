package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.program.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty export}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the current model as a directory for 'fairhunt predict'.", "",
            "The directory holds manifest.json (schema, encoding, the list's nodes and groups) and the ONNX files, named "
                + "by SHA-256."})
public final class BountyExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the model to.")
    Path out;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            ExportedModel.write(p, out);
            spec.commandLine().getOut().printf("Exported model version %d to %s%n", p.nodes().size(), out);
        }
        return 0;
    }
}

package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.PublicKit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty kit}: the public kit for hunters. */
@Command(name = "kit", mixinStandardHelpOptions = true,
        description = {"Write the public kit hunters work from: training rows, schema, rules and the current model.", "",
            "The program directory holds the holdout and must stay private to the operator; 'bounty train' and 'bounty check' "
                + "work on the kit. Write a new kit after accepted submissions so that hunters check against the current model."})
public final class BountyKitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New folder to write the kit to.")
    Path out;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            PublicKit.write(p, out);
            spec.commandLine().getOut().printf("Wrote the hunters' kit for model version %d to %s (%d public training rows)%n",
                    p.nodes().size(), out, p.data("train").rowCount());
        }
        return 0;
    }
}

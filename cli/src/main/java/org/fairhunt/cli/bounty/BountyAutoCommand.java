package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.learn.AutoHunter;
import org.fairhunt.bounty.program.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty auto}: the automated hunter. */
@Command(name = "auto", mixinStandardHelpOptions = true,
        description = {"Run the automated hunter: find and submit (group, model) pairs.", "",
            "Searches pairs by cost-sensitive classification on the public rows (Globus-Harris, Kearns and Roth 2022) "
                + "and submits those that pass there, round after round."})
public final class BountyAutoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Option(names = "--team", defaultValue = "auto", description = "Team to submit as. Default: ${DEFAULT-VALUE}.")
    String team;

    @Option(names = "--rounds", defaultValue = "5", description = "Most rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--max-depth", defaultValue = "3", description = "Depth of the cost regression trees. Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(names = "--min-leaf", defaultValue = "15", description = "Minimum rows per leaf. Default: ${DEFAULT-VALUE}.")
    int minLeaf;

    @Option(names = "--margin", defaultValue = "0.05", description = "Predicted gain per row needed to join the group. Default: ${DEFAULT-VALUE}.")
    double margin;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            for (AutoHunter.Round r : new AutoHunter(maxDepth, minLeaf, margin).run(p, team, rounds)) {
                spec.commandLine().getOut().println(r.result() == null
                        ? "round " + r.round() + ": no pair passes on the public rows; stopping"
                        : "round " + r.round() + ": " + r.result().publicMessage());
            }
        }
        return 0;
    }
}

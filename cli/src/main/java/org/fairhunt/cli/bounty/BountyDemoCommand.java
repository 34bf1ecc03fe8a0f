package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.demo.BountyDemo;
import org.fairhunt.report.bounty.BountyStatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairhunt demo bounty}. */
@Command(name = "bounty", mixinStandardHelpOptions = true,
        description = {"Run a whole bias bounty on shipped real data (Boston HMDA mortgage applications).", "",
            "Boston Fed HMDA data, 1990 (R package AER, GPL): seeded splits, a weak base model, scripted hunters "
                + "(accepted, and rejected with the reasons the holdout defences give), the automated hunter, the leaderboard, and the "
                + "exported final model."})
public final class BountyDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairhunt-bounty-demo",
            description = "Where to create the program and the exported model (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (java.nio.file.Files.exists(out.resolve("program"))) {
            throw new org.fairhunt.core.UserInputException(out + ": already holds a demo program; choose another --out or remove it");
        }
        BountyDemo.run(out, seed, spec.commandLine().getOut(), BountyStatusReport::text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.PublicKit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty check}: evaluate a pair on public data only. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate a (group, model) pair on the public training rows.", "",
            "Compares the model with the current model on the group; no holdout row is read and no budget is spent."})
public final class BountyCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Hunter's kit (from 'bounty kit'), or the program directory.")
    Path dir;

    @Mixin
    GroupChoice group;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Candidate model (ONNX).")
    Path model;

    @Override
    public Integer call() {
        Program.CheckResult r;
        if (PublicKit.isKit(dir)) {
            try (PublicKit kit = PublicKit.open(dir)) {
                r = kit.check(group.spec(), BountyCommand.readModel(model), model.toString());
            }
        } else {
            try (Program p = Program.open(dir)) {
                r = p.check(group.spec(), BountyCommand.readModel(model), model.toString());
            }
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "On the public training rows: group has %d of %d rows (share %.4f); current model error %.4f, yours %.4f;%n"
                + "gain %.5f vs alpha %s -> %s%n", r.groupRows(), r.rows(), r.groupShare(), r.lossCurrent(), r.lossCandidate(),
                r.gain(), r.alpha(), r.wouldPass() ? "would pass if the holdout agrees" : "would not pass: " + r.verdict().reason());
        return 0;
    }
}

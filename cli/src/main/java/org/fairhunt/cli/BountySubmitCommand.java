package org.fairhunt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.SubmissionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty submit}: decide a pair on the holdout. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a (group, model) pair: decided on the holdout, recorded in one transaction, answered with",
            "accept/reject and the improvement rounded down to the program's step."})
public final class BountySubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Option(names = "--team", required = true, description = "Submitting team.")
    String team;

    @Option(names = "--group", paramLabel = "CEL", description = "Group as a CEL expression over the features.")
    String group;

    @Option(names = "--group-model", paramLabel = "FILE", description = "Group as an ONNX model (0/1 output).")
    Path groupModel;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Candidate model (ONNX).")
    Path model;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            SubmissionResult r = p.submit(team, BountyCommand.group(group, groupModel), BountyCommand.readModel(model), model.toString());
            spec.commandLine().getOut().println(r.publicMessage());
            return 0;
        }
    }
}

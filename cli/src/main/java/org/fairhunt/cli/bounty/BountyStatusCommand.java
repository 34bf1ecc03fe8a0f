package org.fairhunt.cli.bounty;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramStatus;
import org.fairhunt.core.json.Json;
import org.fairhunt.report.bounty.BountyStatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the model's versions, the test-split improvement and the leaderboard.", "",
            "Lists accepted updates and repairs, the improvement on the test split (never used for decisions), the "
                + "leaderboard and the teams x features table."})
public final class BountyStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Option(names = "--decisions", description = "Also list every submission with the exact holdout numbers behind its verdict "
            + "(for the program's operator only: showing them to hunters defeats the holdout's protection).")
    boolean decisions;

    @Option(names = "--json", description = "Print the status as JSON (schema fairhunt.bounty-status/v1) instead of text.")
    boolean json;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            ProgramStatus status = p.status(decisions);
            if (json) {
                spec.commandLine().getOut().print(Json.toText(BountyStatusReport.json(status)));
            } else {
                spec.commandLine().getOut().print(BountyStatusReport.text(status));
                spec.commandLine().getOut().print(BountyStatusReport.decisions(status));
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}

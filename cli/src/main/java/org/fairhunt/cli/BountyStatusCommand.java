package org.fairhunt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show versions, accepted updates and repairs, the test-split improvement, the leaderboard and",
            "the teams x features table."})
public final class BountyStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Program directory.")
    Path dir;

    @Override
    public Integer call() {
        try (Program p = Program.open(dir)) {
            spec.commandLine().getOut().print(StatusReport.render(p));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}

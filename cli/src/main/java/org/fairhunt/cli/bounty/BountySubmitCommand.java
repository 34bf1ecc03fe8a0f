package org.fairhunt.cli.bounty;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.cli.Main;
import org.fairhunt.core.UserInputException;
import org.fairhunt.server.client.BountyClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt bounty submit}: decide a pair on the holdout. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a (group, model) pair to be decided on the holdout.", "",
            "The decision is recorded in one transaction; the answer is accept or reject and the improvement rounded "
                + "down to the program's reporting step."})
public final class BountySubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Program directory (not with --server).")
    Path dir;

    @Option(names = "--team", description = "Submitting team (local programs; with --server the token says who).")
    String team;

    @Option(names = "--server", paramLabel = "URL", description = "Submit to a bounty service instead (with --token and --program).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The team's token for --server (or $FAIRHUNT_TOKEN).")
    String token;

    @Option(names = "--program", paramLabel = "ID", description = "The program's id on --server.")
    Long program;

    @Option(names = "--no-wait", description = "With --server: print the receipt and do not wait for the verdict.")
    boolean noWait;

    @Mixin
    GroupChoice group;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Candidate model (ONNX).")
    Path model;

    @Override
    public Integer call() {
        if (server != null) {
            return remote();
        }
        if (dir == null || team == null) {
            throw new UserInputException("give the program directory and --team, or --server URL --token TOKEN --program ID");
        }
        try (Program p = Program.open(dir)) {
            SubmissionResult r = p.submit(team, group.spec(), BountyCommand.readModel(model), model.toString());
            spec.commandLine().getOut().println(r.publicMessage());
            return 0;
        }
    }

    private int remote() {
        String t = token != null ? token : System.getenv("FAIRHUNT_TOKEN");
        if (t == null || t.isBlank() || program == null || dir != null) {
            throw new UserInputException("with --server give --token (or $FAIRHUNT_TOKEN) and --program, and no program directory");
        }
        GroupSpec g = group.spec();
        BountyClient client = new BountyClient(server, t);
        JsonNode receipt = client.submit(program, g.celExpression(), g.onnxModel(), BountyCommand.readModel(model),
                model.getFileName().toString());
        long id = receipt.get("id").asLong();
        spec.commandLine().getOut().printf("receipt: submission %d queued (%s%s)%n", id, server, receipt.path("url").asText());
        if (noWait) {
            return 0;
        }
        JsonNode s = client.awaitVerdict(id, Duration.ofMinutes(30));
        // the same wording and exit statuses as a local submit: a recorded outcome is printed (0), a pair refused on the
        // public rows is the submitter's mistake (2, nothing charged), a job the service could not verify is an internal error
        String outcome = s.path("outcome").asText("");
        switch (outcome) {
            case "" -> {
                spec.commandLine().getOut().printf("submission %d is still queued; ask again with GET %s/api/submissions/%d%n", id, server, id);
                return 0;
            }
            case "invalid" -> throw new UserInputException("submission " + id + " " + s.path("message").asText());
            case "error" -> {
                spec.commandLine().getErr().printf("fairhunt: error: submission %d: %s%n", id, s.path("message").asText());
                return Main.EXIT_INTERNAL;
            }
            default -> {
                SubmissionResult.Outcome o = SubmissionResult.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT));
                spec.commandLine().getOut().println(SubmissionResult.publicMessage(id, s.path("team").asText(), o,
                        s.path("reported_improvement").asDouble(), s.path("budget_left").asInt()));
                return 0;
            }
        }
    }
}

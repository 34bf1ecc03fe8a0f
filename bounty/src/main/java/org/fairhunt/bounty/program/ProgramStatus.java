package org.fairhunt.bounty.program;

import java.util.List;
import java.util.Map;

/**
 * A program's status as data (result kind {@code fairhunt.bounty-status/v1}; the report module renders
 * it as text and JSON): its rules, the model's versions, the test split's honest improvement, the
 * leaderboard with the teams × features counts, and — only when the operator asks — every decision
 * with its exact holdout numbers.
 *
 * @param program    the program's name
 * @param rules      what decides a submission
 * @param version    the current model version (0 is the base model)
 * @param nodes      the list's nodes 1..version
 * @param test       the test split (never used for decisions): error of the base and the current model
 * @param leaderboard teams by reported improvement
 * @param decisions  every submission with the numbers behind it, or null when not requested (they must
 *                   not be shown to hunters)
 * @param thresholdout the reusable holdout's settings and the holdout answers it may still give, or null when
 *                   the program does not use it
 */
public record ProgramStatus(String program, Rules rules, int version, List<Node> nodes, TestSplit test, List<Program.TeamStanding> leaderboard,
        List<Program.SubmissionRecord> decisions, Reuse thresholdout) {

    public ProgramStatus {
        nodes = List.copyOf(nodes);
        leaderboard = List.copyOf(leaderboard);
        decisions = decisions == null ? null : List.copyOf(decisions);
    }

    /** The rules a hunter may know. */
    public record Rules(String label, String loss, double alpha, int minGroupSize, double significance, int minGroupDifference,
            int budget, double reportStep) {
        static Rules of(ProgramSettings s) {
            return new Rules(s.label(), s.loss().cliName(), s.alpha(), s.minGroupSize(), s.significance(), s.minGroupDifference(),
                    s.budget(), s.reportStep());
        }
    }

    /**
     * Thresholdout's settings (public: the kit shows them too) and its state.
     *
     * @param threshold   T, in gain units
     * @param sigma       σ, the Laplace scale of the answers' noise
     * @param budget      B, the over-threshold (holdout) answers the program may give in all
     * @param answersLeft holdout answers it may still give; at 0, {@code submit} refuses every submission
     */
    public record Reuse(double threshold, double sigma, int budget, int answersLeft) {
    }

    /**
     * A node of the list: an accept (group → model) or a repair (group → an earlier version).
     *
     * @param group        the CEL text, or {@code learned group <hash prefix>}; {@code everyone} for the population
     * @param model        the accepted model's SHA-256 (accept), else null
     * @param targetVersion the version a repair sends the group back to, else null
     */
    public record Node(int version, String kind, String group, String model, Integer targetVersion) {
    }

    /** Mean loss on the test split of the base model and of the current model. */
    public record TestSplit(int rows, double baseError, double currentError) {
        public double improvement() {
            return baseError - currentError;
        }
    }

    /** Accept nodes. */
    public long accepts() {
        return nodes.stream().filter(n -> n.kind().equals("accept")).count();
    }

    /** Features used by any team's groups, sorted. */
    public List<String> featuresUsed() {
        return leaderboard.stream().flatMap(t -> t.featuresUsed().keySet().stream()).distinct().sorted().toList();
    }

    /** Counts of groups using each feature, per team. */
    public Map<String, Map<String, Integer>> featuresByTeam() {
        Map<String, Map<String, Integer>> m = new java.util.LinkedHashMap<>();
        for (Program.TeamStanding t : leaderboard) {
            m.put(t.team(), t.featuresUsed());
        }
        return m;
    }
}

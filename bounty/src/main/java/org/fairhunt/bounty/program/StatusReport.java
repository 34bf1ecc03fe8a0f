package org.fairhunt.bounty.program;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.schema.FeatureData;

/**
 * The program's status as text: versions and nodes, the leaderboard (coarse, as submitters are told),
 * the teams × features table, and the current model's error on the test split — never used for a
 * decision — next to the base model's, which is the program's true improvement.
 */
public final class StatusReport {
    private StatusReport() {
    }

    public static String render(Program p) {
        StringBuilder sb = new StringBuilder();
        ProgramSettings s = p.settings();
        List<PdlNode> nodes = p.nodes();
        long accepts = nodes.stream().filter(n -> n.kind() == PdlNode.Kind.ACCEPT).count();
        sb.append(String.format(Locale.ROOT, "Program %s: label '%s', loss %s, alpha %s, min group %d, budget %d per team, "
                + "improvements reported in steps of %s%n", p.dir(), s.label(), s.loss().cliName(), fmt(s.alpha()), s.minGroupSize(),
                s.budget(), fmt(s.reportStep())));
        sb.append(String.format(Locale.ROOT, "Model version %d: %d accepted update(s), %d repair node(s)%n", nodes.size(), accepts,
                nodes.size() - accepts));
        for (PdlNode n : nodes) {
            String group = n.groupId() == PdlNode.POPULATION ? "(everyone)" : describe(p.groupRecord(n.groupId()));
            sb.append(String.format(Locale.ROOT, "  v%-3d %s%n", n.version(), n.kind() == PdlNode.Kind.ACCEPT
                    ? "accept  " + group + " -> model " + n.modelHash().substring(0, 12)
                    : "repair  " + group + " -> version " + n.targetVersion()));
        }
        FeatureData test = p.data("test");
        List<double[]> versions = p.predictAllVersions(test);
        double base = p.error(test, versions.get(0));
        double cur = p.error(test, versions.get(versions.size() - 1));
        sb.append(String.format(Locale.ROOT, "Test split (%d rows, never used for decisions): error %.4f with the base model, "
                + "%.4f now (true improvement %.4f)%n", test.rowCount(), base, cur, base - cur));
        List<Program.TeamStanding> board = p.leaderboard();
        sb.append(String.format(Locale.ROOT, "%nLeaderboard%n  %-12s %11s %8s %22s %11s%n", "team", "submissions", "accepted",
                "reported improvement", "budget left"));
        for (Program.TeamStanding t : board) {
            sb.append(String.format(Locale.ROOT, "  %-12s %11d %8d %22.4f %11d%n", t.team(), t.submissions(), t.accepted(),
                    t.reportedImprovement(), t.budgetLeft()));
        }
        if (!board.isEmpty()) {
            TreeSet<String> features = new TreeSet<>();
            board.forEach(t -> features.addAll(t.featuresUsed().keySet()));
            sb.append(String.format(Locale.ROOT, "%nTeams x features (groups submitted that use the feature)%n  %-12s", "team"));
            for (String f : features) {
                sb.append(String.format(Locale.ROOT, " %9s", f));
            }
            sb.append('\n');
            for (Program.TeamStanding t : board) {
                sb.append(String.format(Locale.ROOT, "  %-12s", t.team()));
                for (String f : features) {
                    sb.append(String.format(Locale.ROOT, " %9d", t.featuresUsed().getOrDefault(f, 0)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Every submission with the exact numbers behind its verdict: for the operator, never for hunters. */
    public static String decisions(Program p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nDecisions (operator only: exact holdout numbers)%n  %4s %-10s %-8s %6s %10s %10s %10s  %s%n",
                "id", "team", "verdict", "|g|", "gain", "reported", "versions", "group"));
        for (Program.SubmissionRecord r : p.submissions()) {
            sb.append(String.format(Locale.ROOT, "  %4d %-10s %-8s %6s %10s %10.4f %10s  %s%n", r.id(), r.team(), r.outcome(),
                    r.groupSize() == null ? "-" : r.groupSize().toString(), r.gain() == null ? "-" : String.format(Locale.ROOT, "%.5f", r.gain()),
                    r.reportedImprovement(), r.versionBefore() + "->" + r.versionAfter(), r.group()));
            if (!r.accepted()) {
                sb.append("         reason: ").append(r.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Map<String, Object> g) {
        return g.containsKey("expression") ? "[" + g.get("expression") + "]" : "[learned group " + ((String) g.get("model")).substring(0, 12) + "]";
    }

    static String fmt(double v) {
        return org.fairhunt.core.table.NumericColumn.format(v);
    }
}

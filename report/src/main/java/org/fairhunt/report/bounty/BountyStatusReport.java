package org.fairhunt.report.bounty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramStatus;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.report.Formats;

/**
 * A bounty program's status as text and as {@code fairhunt.bounty-status/v1} JSON. The text shows the
 * leaderboard as hunters are told it (reported improvements only); the decisions section, with the
 * exact holdout numbers, is for the operator.
 */
public final class BountyStatusReport {
    private BountyStatusReport() {
    }

    /** The status as text: rules, versions and nodes, the test split, the leaderboard, the teams × features table. */
    public static String text(ProgramStatus s) {
        StringBuilder sb = new StringBuilder();
        ProgramStatus.Rules r = s.rules();
        sb.append(String.format(Locale.ROOT, "Program %s: label '%s', loss %s, alpha %s, min group %d, significance %s, "
                + "budget %d per team, improvements reported in steps of %s%n", s.program(), r.label(), r.loss(), Formats.number(r.alpha()),
                r.minGroupSize(), Formats.number(r.significance()), r.budget(), Formats.number(r.reportStep())));
        if (s.thresholdout() != null) {
            ProgramStatus.Reuse u = s.thresholdout();
            sb.append(String.format(Locale.ROOT, "Thresholdout (reusable holdout): threshold %s, sigma %s; %d of %d holdout answers left%s%n",
                    Formats.number(u.threshold()), Formats.number(u.sigma()), u.answersLeft(), u.budget(),
                    u.answersLeft() == 0 ? " (used up: submissions are refused)" : ""));
        }
        sb.append(String.format(Locale.ROOT, "Model version %d: %d accepted update(s), %d repair node(s)%n", s.version(), s.accepts(),
                s.nodes().size() - s.accepts()));
        for (ProgramStatus.Node n : s.nodes()) {
            String group = n.group().equals("everyone") ? "(everyone)" : "[" + n.group() + "]";
            sb.append(String.format(Locale.ROOT, "  v%-3d %s%n", n.version(), n.kind().equals("accept")
                    ? "accept  " + group + " -> model " + n.model().substring(0, 12)
                    : "repair  " + group + " -> version " + n.targetVersion()));
        }
        ProgramStatus.TestSplit t = s.test();
        sb.append(String.format(Locale.ROOT, "Test split (%d rows, never used for decisions): error %s with the base model, %s now "
                + "(true improvement %s)%n", t.rows(), Formats.fixed(t.baseError(), 4), Formats.fixed(t.currentError(), 4),
                Formats.fixed(t.improvement(), 4)));
        sb.append(String.format(Locale.ROOT, "%nLeaderboard%n  %-12s %11s %8s %22s %11s%n", "team", "submissions", "accepted",
                "reported improvement", "budget left"));
        for (Program.TeamStanding ts : s.leaderboard()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %11d %8d %22s %11d%n", ts.team(), ts.submissions(), ts.accepted(),
                    Formats.fixed(ts.reportedImprovement(), 4), ts.budgetLeft()));
        }
        List<String> features = s.featuresUsed();
        if (!s.leaderboard().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nTeams x features (groups submitted that use the feature)%n  %-12s", "team"));
            for (String f : features) {
                sb.append(String.format(Locale.ROOT, " %9s", f));
            }
            sb.append('\n');
            for (Program.TeamStanding ts : s.leaderboard()) {
                sb.append(String.format(Locale.ROOT, "  %-12s", ts.team()));
                for (String f : features) {
                    sb.append(String.format(Locale.ROOT, " %9d", ts.featuresUsed().getOrDefault(f, 0)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Every decision with the exact numbers behind it: for the operator, never for hunters. Empty without decisions. */
    public static String decisions(ProgramStatus s) {
        if (s.decisions() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nDecisions (operator only: exact holdout numbers)%n  %4s %-10s %-8s %6s %10s %8s %10s %10s  %s%n",
                "id", "team", "outcome", "|g|", "gain", "p", "reported", "versions", "group"));
        for (Program.SubmissionRecord d : s.decisions()) {
            sb.append(String.format(Locale.ROOT, "  %4d %-10s %-8s %6s %10s %8s %10s %10s  %s%n", d.id(), d.team(), d.outcome(),
                    d.groupSize() == null ? Formats.UNDEFINED : d.groupSize().toString(),
                    d.gain() == null ? Formats.UNDEFINED : Formats.fixed(d.gain(), 5), Formats.pValue(d.pValue()),
                    Formats.fixed(d.reportedImprovement(), 4), d.versionBefore() + "->" + d.versionAfter(), d.group()));
            if (!d.accepted()) {
                sb.append("         reason: ").append(d.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The status as a {@code fairhunt.bounty-status/v1} JSON tree. */
    public static ObjectNode json(ProgramStatus s) {
        ObjectNode root = Json.object();
        root.put("$schema", ResultKind.BOUNTY_STATUS.uri());
        root.put("schema", ResultKind.BOUNTY_STATUS.schemaName());
        root.put("program", s.program());
        ProgramStatus.Rules r = s.rules();
        ObjectNode rules = root.putObject("rules");
        rules.put("label", r.label());
        rules.put("loss", r.loss());
        Json.putNumber(rules, "alpha", r.alpha());
        rules.put("min_group_size", r.minGroupSize());
        Json.putNumber(rules, "significance", r.significance());
        rules.put("min_group_difference", r.minGroupDifference());
        rules.put("budget", r.budget());
        Json.putNumber(rules, "report_step", r.reportStep());
        if (s.thresholdout() != null) {
            ObjectNode reuse = root.putObject("thresholdout");
            Json.putNumber(reuse, "threshold", s.thresholdout().threshold());
            Json.putNumber(reuse, "sigma", s.thresholdout().sigma());
            reuse.put("budget", s.thresholdout().budget());
            reuse.put("answers_left", s.thresholdout().answersLeft());
        }
        root.put("version", s.version());
        ArrayNode nodes = root.putArray("nodes");
        for (ProgramStatus.Node n : s.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("version", n.version());
            o.put("kind", n.kind());
            o.put("group", n.group());
            o.put("model", n.model());
            if (n.targetVersion() == null) {
                o.putNull("target_version");
            } else {
                o.put("target_version", n.targetVersion());
            }
        }
        ObjectNode test = root.putObject("test");
        test.put("rows", s.test().rows());
        Json.putNumber(test, "base_error", s.test().baseError());
        Json.putNumber(test, "current_error", s.test().currentError());
        Json.putNumber(test, "improvement", s.test().improvement());
        ArrayNode board = root.putArray("leaderboard");
        for (Program.TeamStanding ts : s.leaderboard()) {
            ObjectNode o = board.addObject();
            o.put("team", ts.team());
            o.put("submissions", ts.submissions());
            o.put("accepted", ts.accepted());
            Json.putNumber(o, "reported_improvement", ts.reportedImprovement());
            o.put("budget_left", ts.budgetLeft());
            ObjectNode f = o.putObject("features");
            ts.featuresUsed().forEach(f::put);
        }
        if (s.decisions() != null) {
            ArrayNode ds = root.putArray("decisions");
            for (Program.SubmissionRecord d : s.decisions()) {
                ObjectNode o = ds.addObject();
                o.put("id", d.id());
                o.put("team", d.team());
                o.put("group", d.group());
                o.put("outcome", d.outcome());
                o.put("reason", d.reason());
                if (d.groupSize() == null) {
                    o.putNull("group_size");
                } else {
                    o.put("group_size", d.groupSize());
                }
                nullable(o, "gain", d.gain());
                nullable(o, "p_value", d.pValue());
                Json.putNumber(o, "reported_improvement", d.reportedImprovement());
                o.put("version_before", d.versionBefore());
                o.put("version_after", d.versionAfter());
            }
        }
        return root;
    }

    private static void nullable(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            Json.putNumber(o, field, v);
        }
    }
}

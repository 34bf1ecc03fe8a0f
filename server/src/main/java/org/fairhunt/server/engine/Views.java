package org.fairhunt.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.schema.Feature;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * What everyone may see of a program after its latest decision: the leaderboard with each team's
 * improvement measured on the test split (never used for decisions), the teams × features counts, the
 * decision log with rounded gains only, and the audit of the test split per model version. Nothing
 * here is computed on the holdout except the rounded gains the teams are told anyway.
 *
 * @param version      the current model version (nodes in the list)
 * @param testErrors   test-split loss of every version, 0 = the base model
 */
public record Views(int version, int accepts, int repairs, List<Double> testErrors, List<Standing> leaderboard, List<String> features,
        Map<String, Map<String, Integer>> heatmap, List<LogEntry> log, Audit audit) {

    /** One team: its counts, the improvement it was told (rounded down), and its improvement on the test split. */
    public record Standing(String team, int submissions, int accepted, double reportedImprovement, double testImprovement) {
    }

    /** One decision as the public log shows it; the group is shown for accepted updates only. */
    public record LogEntry(long engineId, String team, String outcome, double reportedImprovement, String group, int versionBefore,
            int versionAfter) {
        public boolean accepted() {
            return "accepted".equals(outcome);
        }
    }

    /**
     * Error per slice of the test split, for the base model and after each accepted update.
     *
     * @param metric   {@code error_rate} (classification) or {@code mae} (regression)
     * @param columns  one per model version shown ({@code base}, {@code v3 (team red)}, …)
     * @param rows     one per slice: each group attribute's values, and each accepted bounty group
     * @param note     why there is no audit, when there is none
     */
    public record Audit(String metric, List<String> columns, List<AuditRow> rows, String note) {
    }

    /** A slice's estimate per version: value with interval (Wilson for rates), and the slice's size. */
    public record AuditRow(String slice, long n, List<Cell> cells) {
    }

    public record Cell(Double value, Double lo, Double hi) {
    }

    /**
     * Builds the views; the model-dependent parts (test errors per version, the audit) are taken from
     * {@code previous} when the list has not grown since, which is the case after every rejection.
     */
    static Views build(Program p, ProgramSettings settings, Views previous) {
        List<PdlNode> nodes = p.nodes();
        int accepts = (int) nodes.stream().filter(n -> n.kind() == PdlNode.Kind.ACCEPT).count();
        FeatureData test = p.data("test");
        boolean sameModel = previous != null && previous.version() == nodes.size();
        List<double[]> versions = sameModel ? null : p.predictAllVersions(test);
        List<Double> testErrors = new ArrayList<>();
        if (sameModel) {
            testErrors.addAll(previous.testErrors());
        } else {
            for (double[] pred : versions) {
                testErrors.add(loss(settings, test, pred));
            }
        }
        List<Program.SubmissionRecord> records = p.submissions();
        Map<String, Double> testGain = new LinkedHashMap<>();
        List<LogEntry> log = new ArrayList<>();
        List<Program.SubmissionRecord> acceptedRecords = new ArrayList<>();
        for (Program.SubmissionRecord r : records) {
            double gain = r.accepted() ? testErrors.get(r.versionBefore()) - testErrors.get(r.versionAfter()) : 0;
            testGain.merge(r.team(), gain, Double::sum);
            log.add(new LogEntry(r.id(), r.team(), r.outcome(), r.reportedImprovement(), r.accepted() ? r.group() : null,
                    r.versionBefore(), r.versionAfter()));
            if (r.accepted()) {
                acceptedRecords.add(r);
            }
        }
        List<Program.TeamStanding> board = p.leaderboard();
        List<Standing> standings = new ArrayList<>();
        for (Program.TeamStanding t : board) {
            standings.add(new Standing(t.team(), t.submissions(), t.accepted(), t.reportedImprovement(), testGain.getOrDefault(t.team(), 0.0)));
        }
        Map<String, Map<String, Integer>> heat = EngineHandle.featureCounts(board);
        List<String> features = heat.isEmpty() ? List.of() : new ArrayList<>(heat.values().iterator().next().keySet());
        return new Views(nodes.size(), accepts, nodes.size() - accepts, List.copyOf(testErrors), List.copyOf(standings), features, heat,
                List.copyOf(log), sameModel ? previous.audit() : audit(p, settings, test, versions, acceptedRecords));
    }

    private static double loss(ProgramSettings s, FeatureData d, double[] pred) {
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            sum += s.loss().of(d.labels()[i], pred[i]);
        }
        return pred.length == 0 ? Double.NaN : sum / pred.length;
    }

    /** At most this many levels for a feature to be audited as a group attribute. */
    static final int MAX_LEVELS = 12;

    private static Audit audit(Program p, ProgramSettings settings, FeatureData test, List<double[]> versions,
            List<Program.SubmissionRecord> accepted) {
        FeatureSchema schema = p.schema();
        boolean classification = schema.task() == Task.CLASSIFICATION;
        if (classification && schema.classes().size() != 2) {
            return new Audit("error_rate", List.of(), List.of(), "the per-group audit covers two-class labels and regression; this label has "
                    + schema.classes().size() + " classes");
        }
        List<String> groups = new ArrayList<>();
        for (Feature f : schema.features()) {
            if (f.categorical() && f.levels().size() <= MAX_LEVELS) {
                groups.add(f.name());
            }
        }
        // each accepted bounty group becomes a yes/no attribute of the test rows
        List<boolean[]> membership = new ArrayList<>();
        List<String> groupColumns = new ArrayList<>();
        for (Program.SubmissionRecord r : accepted) {
            String col = "bounty group #" + r.id();
            groupColumns.add(col);
            membership.add(groupOf(p, r, test));
        }
        List<String> shown = new ArrayList<>();
        List<Integer> shownVersions = new ArrayList<>();
        shown.add("base model");
        shownVersions.add(0);
        for (Program.SubmissionRecord r : accepted) {
            shown.add("v" + r.versionAfter() + " (#" + r.id() + ", " + r.team() + ")");
            shownVersions.add(r.versionAfter());
        }
        String metric = classification ? "error_rate" : "mae";
        Map<String, AuditRow> rows = new LinkedHashMap<>();
        for (int k = 0; k < shownVersions.size(); k++) {
            Table withPred = tableWith(test, schema, versions.get(shownVersions.get(k)), groupColumns, membership);
            List<String> attrs = new ArrayList<>(groups);
            attrs.addAll(groupColumns);
            AuditRequest req = AuditRequest.of(schema.label(), classification ? schema.classes().get(1) : null, "fairhunt_prediction", null,
                    attrs).withMetrics(List.of(metric)).withRegression(!classification).withIntersections(1)
                    .withMinGroupSize(Math.min(30, settings.minGroupSize()));
            AuditResult result = Auditor.run(withPred, req).result();
            for (SliceResult s : result.slices()) {
                if (s.attributes().size() == 1 && s.attributes().keySet().iterator().next().startsWith("bounty group #")
                        && !"in".equals(s.attributes().values().iterator().next())) {
                    continue;
                }
                MetricEstimate e = s.metric(metric);
                Cell cell = e == null || !e.defined() ? new Cell(null, null, null)
                        : new Cell(e.value(), e.ci() == null ? null : e.ci().lo(), e.ci() == null ? null : e.ci().hi());
                AuditRow row = rows.computeIfAbsent(s.label(), l -> new AuditRow(l, s.n(), new ArrayList<>()));
                row.cells().add(cell);
            }
        }
        List<AuditRow> out = new ArrayList<>();
        for (AuditRow r : rows.values()) {
            out.add(new AuditRow(r.slice(), r.n(), List.copyOf(r.cells())));
        }
        return new Audit(metric, List.copyOf(shown), out, null);
    }

    private static boolean[] groupOf(Program p, Program.SubmissionRecord r, FeatureData test) {
        // the engine's record links a submission to its group through the list's nodes
        for (PdlNode n : p.nodes()) {
            if (n.kind() == PdlNode.Kind.ACCEPT && n.version() > r.versionBefore() && n.version() <= r.versionAfter()) {
                GroupPredicate g = p.group(n.groupId());
                return g.members(test);
            }
        }
        return new boolean[test.rowCount()];
    }

    /**
     * The test rows as text (features, label, the version's prediction, bounty-group membership) for the
     * core audit: categorical values by level, numbers as written, missing values missing.
     */
    private static Table tableWith(FeatureData d, FeatureSchema schema, double[] pred, List<String> extraNames, List<boolean[]> extra) {
        List<Feature> features = schema.features();
        List<String> names = new ArrayList<>(schema.featureNames());
        names.add(schema.label());
        names.add("fairhunt_prediction");
        names.addAll(extraNames);
        TableBuilder b = new TableBuilder(d.source(), names);
        boolean classification = schema.task() == Task.CLASSIFICATION;
        String[] fields = new String[names.size()];
        int nf = features.size();
        for (int i = 0; i < d.rowCount(); i++) {
            for (int j = 0; j < nf; j++) {
                Object v = d.celValue(j, i);
                if (v instanceof String str) {
                    fields[j] = str.isEmpty() ? null : str;
                } else {
                    double x = ((Number) v).doubleValue();
                    fields[j] = Double.isNaN(x) ? null : org.fairhunt.core.table.NumericColumn.format(x);
                }
            }
            double y = d.labels()[i];
            fields[nf] = classification ? schema.classes().get((int) y) : org.fairhunt.core.table.NumericColumn.format(y);
            fields[nf + 1] = classification ? schema.classes().get((int) pred[i]) : org.fairhunt.core.table.NumericColumn.format(pred[i]);
            for (int k = 0; k < extra.size(); k++) {
                fields[nf + 2 + k] = extra.get(k)[i] ? "in" : "out";
            }
            b.addRow(fields);
        }
        return b.build();
    }
}

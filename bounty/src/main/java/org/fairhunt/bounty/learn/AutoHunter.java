package org.fairhunt.bounty.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.fairhunt.bounty.group.OnnxGroup;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;

/**
 * The automated hunter of Globus-Harris, Kearns and Roth (2022, section 5): on the public rows, the
 * cost of predicting class k instead of what the current model predicts is
 * c_k(x) = loss(y, k) − loss(y, f(x)); a regression tree per class estimates c_k, the group is where
 * the lowest estimate is below −margin (some label is predicted to gain), and the model predicts that
 * cheapest label. Both are exported as ONNX sharing one tree ensemble. A pair is submitted only if
 * it passes the program's test on the public rows; the hunter repeats against the updated model.
 */
public final class AutoHunter {
    /** One round: what was found on the public rows and, if submitted, the verdict. */
    public record Round(int round, Program.CheckResult check, SubmissionResult result) {
    }

    private final int maxDepth;
    private final int minLeaf;
    private final float margin;

    public AutoHunter(int maxDepth, int minLeaf, double margin) {
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
        this.margin = (float) margin;
    }

    /** Runs up to {@code rounds} rounds for {@code team}; stops early when no pair passes on public rows. */
    public List<Round> run(Program program, String team, int rounds) {
        FeatureSchema schema = program.schema();
        if (schema.task() != Task.CLASSIFICATION || program.settings().loss() != Loss.ZERO_ONE) {
            throw new UserInputException("not supported: bounty auto searches classification programs with zero-one loss");
        }
        List<Round> out = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            byte[][] pair = find(program);
            Program.CheckResult check;
            try (OnnxModel g = OnnxModel.load("auto group", pair[0], schema, OnnxModel.Role.GROUP, Long.MAX_VALUE, 60_000);
                    OnnxModel h = program.loadCandidate(pair[1], "auto model")) {
                try {
                    check = program.check(new OnnxGroup(g, "auto group"), h);
                } catch (UserInputException empty) {
                    check = null;
                }
            }
            if (check == null || !check.wouldPass()) {
                out.add(new Round(round, check, null));
                break;
            }
            SubmissionResult r = program.submit(team, GroupSpec.onnx(pair[0], "auto group round " + round), pair[1],
                    "auto model round " + round);
            out.add(new Round(round, check, r));
            if (!r.accepted() || r.submissionsLeft() == 0) {
                break;
            }
        }
        return out;
    }

    /** {group ONNX, model ONNX} fitted against the program's current model on its public rows. */
    public byte[][] find(Program program) {
        FeatureSchema schema = program.schema();
        FeatureData train = program.data("train");
        List<double[]> versions = program.predictAllVersions(train);
        double[] cur = versions.get(versions.size() - 1);
        double[] y = train.labels();
        int k = schema.classes().size();
        int f = schema.features().size();
        float[][] x = new float[f][];
        for (int j = 0; j < f; j++) {
            x[j] = train.input(j);
        }
        int[] rows = IntStream.range(0, train.rowCount()).toArray();
        TreeLearner tl = new TreeLearner(maxDepth, minLeaf);
        List<Tree> trees = new ArrayList<>();
        int[] target = new int[k];
        Loss loss = program.settings().loss();
        for (int c = 0; c < k; c++) {
            double[] cost = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                cost[i] = loss.of(y[i], c) - loss.of(y[i], cur[i]);
            }
            trees.add(tl.regression(x, cost, null, rows));
            target[c] = c;
        }
        byte[] group = OnnxExport.gainGroup(schema, trees, target, k, margin, "fairhunt_auto_group");
        byte[] model = OnnxExport.treeEnsemble(schema, trees, target, k, new float[k], OnnxExport.TreeOutput.ARGMIN,
                "fairhunt_auto_model");
        verify(schema, train, trees, group, model);
        return new byte[][] {group, model};
    }

    /**
     * Runs both exported graphs in ONNX Runtime on the public rows and compares them with the trees
     * evaluated in Java. Each target is one tree's leaf value (a float, summed with a zero base), so
     * the comparison is exact: any difference is a bug.
     */
    private void verify(FeatureSchema schema, FeatureData train, List<Tree> trees, byte[] group, byte[] model) {
        int f = schema.features().size();
        float[][] x = new float[f][];
        for (int j = 0; j < f; j++) {
            x[j] = train.input(j);
        }
        boolean[] ortGroup;
        double[] ortLabel;
        try (OnnxModel g = OnnxModel.load("auto group", group, schema, OnnxModel.Role.GROUP, Long.MAX_VALUE, 60_000);
                OnnxModel h = OnnxModel.load("auto model", model, schema, OnnxModel.Role.PREDICTOR, Long.MAX_VALUE, 60_000)) {
            ortGroup = g.indicator(train);
            ortLabel = h.predict(train);
        }
        for (int i = 0; i < train.rowCount(); i++) {
            int arg = 0;
            float best = trees.get(0).value(x, i, 0);
            for (int c = 1; c < trees.size(); c++) {
                float v = trees.get(c).value(x, i, 0);
                if (v < best) {
                    best = v;
                    arg = c;
                }
            }
            if (ortGroup[i] != (best < -margin) || ortLabel[i] != arg) {
                throw new IllegalStateException("exported automated-hunter graphs disagree with the trees on row " + i);
            }
        }
    }
}

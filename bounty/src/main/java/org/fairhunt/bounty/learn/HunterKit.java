package org.fairhunt.bounty.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;

/**
 * Fits a model on the rows of a group and exports it as ONNX. Before returning, the exported model
 * is run in ONNX Runtime on the training rows and compared with the learner's own predictions; rows
 * whose decision value lies within float rounding of the boundary are allowed to differ, any other
 * difference is a bug and throws.
 */
public final class HunterKit {
    /** Below this distance from the decision boundary, float and double arithmetic may disagree. */
    static final double BOUNDARY_TOLERANCE = 1e-4;

    /** Options of the learners. */
    public record Options(int maxDepth, int minLeaf, int rounds, double learningRate, double l2) {
        public static Options defaults() {
            return new Options(4, 5, 50, 0.1, 1.0);
        }
    }

    /** An exported model, the learner's own predictions on the rows it was fitted on, and the check's result. */
    public record Trained(byte[] onnx, double[] predictions, int rows, int checkedAgainstOnnx, int nearBoundary) {
    }

    private HunterKit() {
    }

    public static Trained train(FeatureSchema schema, FeatureData data, int[] rows, Learner learner, Options o) {
        if (rows.length == 0) {
            throw new UserInputException("the group selects no training rows; nothing to fit");
        }
        int f = schema.features().size();
        float[][] x = new float[f][];
        for (int j = 0; j < f; j++) {
            x[j] = data.input(j);
        }
        double[] y = data.labels();
        boolean binary = schema.task() == Task.CLASSIFICATION && schema.classes().size() == 2;
        double[] decision = new double[rows.length];
        double[] pred = new double[rows.length];
        byte[] onnx;
        switch (learner) {
            case LOGISTIC -> {
                if (!binary) {
                    throw new UserInputException("not supported: logistic regression needs a two-class label; use --learner tree");
                }
                LogisticRegression.Weights w = new LogisticRegression(o.l2()).fit(schema, x, y, rows);
                for (int i = 0; i < rows.length; i++) {
                    decision[i] = w.logit(schema, x, rows[i]);
                    pred[i] = decision[i] > 0 ? 1 : 0;
                }
                onnx = OnnxExport.logistic(schema, w, "fairhunt_logistic");
            }
            case TREE -> {
                TreeLearner tl = new TreeLearner(o.maxDepth(), o.minLeaf());
                Tree t;
                OnnxExport.TreeOutput out;
                if (schema.task() == Task.CLASSIFICATION) {
                    t = tl.classification(x, y, schema.classes().size(), rows);
                    out = OnnxExport.TreeOutput.CLASS_CODE;
                } else {
                    t = tl.regression(x, y, null, rows);
                    out = OnnxExport.TreeOutput.VALUE;
                }
                for (int i = 0; i < rows.length; i++) {
                    pred[i] = t.value(x, rows[i], 0);
                    decision[i] = Double.POSITIVE_INFINITY;
                }
                onnx = OnnxExport.treeEnsemble(schema, List.of(t), new int[1], 1, new float[1], out, "fairhunt_tree");
            }
            case BOOSTED -> {
                if (schema.task() == Task.CLASSIFICATION && !binary) {
                    throw new UserInputException("not supported: boosted trees need a two-class label or a numeric one; use --learner tree");
                }
                Boosted b = boost(x, y, rows, binary, o);
                for (int i = 0; i < rows.length; i++) {
                    double m = b.margin(x, rows[i]);
                    if (binary) {
                        decision[i] = m;
                        pred[i] = m > 0 ? 1 : 0;
                    } else {
                        pred[i] = m;
                        decision[i] = Double.POSITIVE_INFINITY;
                    }
                }
                onnx = OnnxExport.treeEnsemble(schema, b.trees, new int[b.trees.size()], 1, new float[] {b.base},
                        binary ? OnnxExport.TreeOutput.POSITIVE_MARGIN : OnnxExport.TreeOutput.VALUE, "fairhunt_boosted");
            }
            default -> throw new IllegalStateException();
        }
        int near = check(schema, onnx, data, rows, pred, decision);
        return new Trained(onnx, pred, rows.length, rows.length, near);
    }

    /** Runs {@code onnx} and compares with {@code pred}; returns how many rows were near the boundary. */
    static int check(FeatureSchema schema, byte[] onnx, FeatureData data, int[] rows, double[] pred, double[] decision) {
        double[] ort;
        try (OnnxModel m = OnnxModel.load("exported model", onnx, schema, OnnxModel.Role.PREDICTOR, Long.MAX_VALUE, 60_000)) {
            ort = m.predict(data.subset(rows));
        }
        int near = 0;
        for (int i = 0; i < rows.length; i++) {
            boolean regression = schema.task() == Task.REGRESSION;
            boolean same = regression ? Math.abs(ort[i] - pred[i]) <= 1e-4 * Math.max(1, Math.abs(pred[i])) : ort[i] == pred[i];
            if (!same) {
                if (Math.abs(decision[i]) < BOUNDARY_TOLERANCE) {
                    near++;
                } else {
                    throw new IllegalStateException("exported ONNX model disagrees with the learner on row " + rows[i] + ": "
                            + ort[i] + " vs " + pred[i]);
                }
            }
        }
        return near;
    }

    /** A boosted ensemble: margin = base + Σ tree values. */
    static final class Boosted {
        final List<Tree> trees = new ArrayList<>();
        float base;

        double margin(float[][] x, int row) {
            double m = base;
            for (Tree t : trees) {
                m += t.value(x, row, 0);
            }
            return m;
        }
    }

    /**
     * Gradient boosting: logistic loss with Newton leaf values (a tree fitted to g/h with weights h
     * has leaf means Σg/Σh) for binary labels, squared error for numbers.
     */
    static Boosted boost(float[][] x, double[] y, int[] rows, boolean binary, Options o) {
        Boosted b = new Boosted();
        double mean = Arrays.stream(rows).mapToDouble(r -> y[r]).average().orElse(0);
        if (binary) {
            double p = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
            b.base = (float) Math.log(p / (1 - p));
        } else {
            b.base = (float) mean;
        }
        TreeLearner tl = new TreeLearner(Math.min(o.maxDepth(), 3), o.minLeaf());
        double[] target = new double[y.length];
        double[] weight = new double[y.length];
        double[] margin = new double[y.length];
        for (int r : rows) {
            margin[r] = b.base;
        }
        for (int round = 0; round < o.rounds(); round++) {
            for (int r : rows) {
                if (binary) {
                    double p = 1 / (1 + Math.exp(-margin[r]));
                    double h = Math.max(p * (1 - p), 1e-6);
                    target[r] = (y[r] - p) / h;
                    weight[r] = h;
                } else {
                    target[r] = y[r] - margin[r];
                    weight[r] = 1;
                }
            }
            Tree t = tl.regression(x, target, weight, rows);
            for (float[] v : t.values) {
                v[0] = (float) (v[0] * o.learningRate());
            }
            b.trees.add(t);
            for (int r : rows) {
                margin[r] += t.value(x, r, 0);
            }
        }
        return b;
    }
}
